package org.nodeim.room;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nodeim.account.UserDeleted;
import org.nodeim.database.Page;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** Rooms and their members. */
@Stateless
public class RoomService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<MembershipChanged> membershipChanged;

    @Inject
    Event<MemberJoined> memberJoined;

    /** Whether joining made the user a member, or they already were one. */
    public record Joined(Room room, boolean newbie) {
    }

    /** A deleted room and who its members were. */
    public record Deleted(Room room, List<Long> members) {
    }

    /** A page of rooms with the number of members of each. */
    public record RoomPage(Page<Room> rooms, Map<Long, Long> memberCounts) {
    }

    public Room create(long creator, String name, String intro) {
        if (name.length() > Room.MAX_NAME_LENGTH || intro != null && intro.length() > Room.MAX_INTRO_LENGTH) {
            throw new Refused(Reason.INVALID, "room name of at most " + Room.MAX_NAME_LENGTH
                    + " characters and introduction of at most " + Room.MAX_INTRO_LENGTH + " expected");
        }
        var room = new Room(name, intro, creator);
        em.persist(room);
        em.flush();
        em.persist(new RoomMember(room.id(), creator, 0));
        membershipChanged.fire(new MembershipChanged(room.id()));
        return room;
    }

    /** @throws Refused 404 unknown room */
    public Joined join(long user, long roomId) {
        Room room = room(roomId);
        if (membership(roomId, user).isPresent()) {
            return new Joined(room, false);
        }
        var member = new RoomMember(roomId, user, 0);
        memberJoined.fire(new MemberJoined(member));
        em.persist(member);
        membershipChanged.fire(new MembershipChanged(roomId));
        return new Joined(room, true);
    }

    /** @throws Refused 404 unknown room or not a member */
    public Room leave(long user, long roomId) {
        Room room = room(roomId);
        em.remove(membership(roomId, user).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "not a member of this room")));
        membershipChanged.fire(new MembershipChanged(roomId));
        return room;
    }

    /** @throws Refused 404 unknown room */
    public Room room(long roomId) {
        return find(roomId).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
    }

    public Optional<Room> find(long roomId) {
        return Optional.ofNullable(em.find(Room.class, roomId));
    }

    public List<Long> memberIds(long roomId) {
        return em.createNamedQuery(RoomMember.OF_ROOM, RoomMember.class).setParameter("room", roomId)
                .getResultStream().map(RoomMember::userId).toList();
    }

    public boolean isMember(long user, long roomId) {
        return membership(roomId, user).isPresent();
    }

    public List<Room> roomsOf(long user) {
        return em.createNamedQuery(Room.OF_MEMBER, Room.class).setParameter("user", user).getResultList();
    }

    public long count() {
        return em.createNamedQuery(Room.COUNT, Long.class).getSingleResult();
    }

    /** @param page from 1 */
    public RoomPage rooms(int page, int pageSize) {
        List<Room> list = em.createNamedQuery(Room.ALL, Room.class)
                .setFirstResult(Page.firstResult(page, pageSize)).setMaxResults(pageSize).getResultList();
        var counts = new HashMap<Long, Long>();
        if (!list.isEmpty()) {
            List<?> rows = em.createNamedQuery(RoomMember.COUNT_BY_ROOM)
                    .setParameter("rooms", list.stream().map(Room::id).toList()).getResultList();
            for (Object row : rows) {
                Object[] columns = (Object[]) row;
                counts.put(((Number) columns[0]).longValue(), ((Number) columns[1]).longValue());
            }
        }
        return new RoomPage(new Page<>(list, Math.max(1, page), pageSize, count()), counts);
    }

    /**
     * Deletes a room and its memberships (its messages are chat's to delete).
     *
     * @throws Refused 404 unknown room
     */
    public Deleted delete(long roomId) {
        Room room = room(roomId);
        List<Long> members = memberIds(roomId);
        em.createNamedQuery(RoomMember.DELETE_OF_ROOM).setParameter("room", roomId).executeUpdate();
        em.remove(room);
        membershipChanged.fire(new MembershipChanged(roomId));
        return new Deleted(room, members);
    }

    /** A deleted user leaves every room; the rooms they created stay, with their other members. */
    public void forget(@Observes UserDeleted deleted) {
        em.createNamedQuery(RoomMember.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
    }

    /** The user's memberships, with their positions. */
    public List<RoomMember> memberships(long user) {
        return em.createNamedQuery(RoomMember.OF_USER, RoomMember.class).setParameter("user", user).getResultList();
    }

    private Optional<RoomMember> membership(long roomId, long user) {
        return em.createNamedQuery(RoomMember.ONE, RoomMember.class)
                .setParameter("room", roomId).setParameter("user", user)
                .getResultStream().findFirst();
    }
}
