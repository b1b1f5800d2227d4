package org.nodeim.room;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
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

    /** Creates a room, owned by its creator, open to anyone or (inviteOnly) to the invited. */
    public Room create(long creator, String name, String intro, String topic, boolean inviteOnly) {
        if (name.length() > Room.MAX_NAME_LENGTH || intro != null && intro.length() > Room.MAX_INTRO_LENGTH
                || topic.length() > Room.MAX_TOPIC_LENGTH) {
            throw new Refused(Reason.INVALID, "room name of at most " + Room.MAX_NAME_LENGTH
                    + " characters, introduction of at most " + Room.MAX_INTRO_LENGTH
                    + " and topic of at most " + Room.MAX_TOPIC_LENGTH + " expected");
        }
        var room = new Room(name, intro, creator);
        room.setTopic(topic);
        room.setInviteOnly(inviteOnly);
        em.persist(room);
        em.flush();
        em.persist(new RoomMember(room.id(), creator, 0));
        membershipChanged.fire(new MembershipChanged(room.id()));
        return room;
    }

    /** A member left, and who owns the room now if it was theirs. */
    public record Left(Room room, Optional<Long> newOwner) {
    }

    /**
     * Joins a room: not while banned from it, and into a room that is by invitation only with
     * an invitation (used up by joining), unless the user owns it.
     *
     * @throws Refused 404 unknown room; 403 banned, or not invited
     */
    public Joined join(long user, long roomId) {
        return enter(user, roomId, false);
    }

    /**
     * Puts a user in a room as the server does (the console, the admin API): a ban is lifted,
     * an invitation used, whatever the room's openness.
     *
     * @throws Refused 404 unknown room
     */
    public Joined admit(long user, long roomId) {
        return enter(user, roomId, true);
    }

    private Joined enter(long user, long roomId, boolean byTheServer) {
        Room room = room(roomId);
        if (membership(roomId, user).isPresent()) {
            return new Joined(room, false);
        }
        long now = System.currentTimeMillis();
        Optional<RoomBan> ban = one(RoomBan.ONE, RoomBan.class, roomId, user);
        if (ban.isPresent()) {
            if (ban.get().inForce(now) && !byTheServer) {
                throw new Refused(Reason.FORBIDDEN, "banned from this room"
                        + ban.get().until().map(until -> " until " + Instant.ofEpochMilli(until)).orElse(""));
            }
            em.remove(ban.get());
        }
        Optional<RoomInvitation> invitation = one(RoomInvitation.ONE, RoomInvitation.class, roomId, user);
        if (room.inviteOnly() && invitation.isEmpty() && !room.isOwner(user) && !byTheServer) {
            throw new Refused(Reason.FORBIDDEN, "this room is by invitation only");
        }
        invitation.ifPresent(em::remove);
        var member = new RoomMember(roomId, user, 0);
        memberJoined.fire(new MemberJoined(member));
        em.persist(member);
        membershipChanged.fire(new MembershipChanged(roomId));
        return new Joined(room, true);
    }

    /**
     * Leaves a room; an owner who leaves hands it over to the admin who has been one longest,
     * or else to the member who joined first (a room left empty stays theirs).
     *
     * @throws Refused 404 unknown room or not a member
     */
    public Left leave(long user, long roomId) {
        Room room = room(roomId);
        em.remove(membership(roomId, user).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "not a member of this room")));
        em.flush();
        membershipChanged.fire(new MembershipChanged(roomId));
        if (!room.isOwner(user)) {
            return new Left(room, Optional.empty());
        }
        Optional<Long> successor = successor(room);
        successor.ifPresent(room::handOver);
        return new Left(room, successor);
    }

    /** Whom a room passes to when its owner goes: the first admin, else the first member. */
    private Optional<Long> successor(Room room) {
        return em.createNamedQuery(RoomMember.ADMINS_FIRST, RoomMember.class).setParameter("room", room.id())
                .setMaxResults(1).getResultStream().map(RoomMember::userId).findFirst();
    }

    /** Whether the user may see the room's members: any room is open to view but one by invitation only. */
    public boolean mayView(long user, Room room) {
        return !room.inviteOnly() || room.isOwner(user) || isMember(user, room.id())
                || one(RoomInvitation.ONE, RoomInvitation.class, room.id(), user).isPresent();
    }

    /** @throws Refused 404 unknown room */
    public Room room(long roomId) {
        return find(roomId).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
    }

    public Optional<Room> find(long roomId) {
        return Optional.ofNullable(em.find(Room.class, roomId));
    }

    public List<Long> memberIds(long roomId) {
        return membersOf(roomId).stream().map(RoomMember::userId).toList();
    }

    /** The room's memberships in the order the members joined. */
    public List<RoomMember> membersOf(long roomId) {
        return em.createNamedQuery(RoomMember.OF_ROOM, RoomMember.class).setParameter("room", roomId).getResultList();
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
        em.createNamedQuery(RoomBan.DELETE_OF_ROOM).setParameter("room", roomId).executeUpdate();
        em.createNamedQuery(RoomInvitation.DELETE_OF_ROOM).setParameter("room", roomId).executeUpdate();
        em.remove(room);
        membershipChanged.fire(new MembershipChanged(roomId));
        return new Deleted(room, members);
    }

    /**
     * A deleted user leaves every room, their bans and invitations go; the rooms they created
     * stay with their other members, and those they owned pass on as when an owner leaves.
     */
    public void forget(@Observes UserDeleted deleted) {
        long user = deleted.userId();
        em.createNamedQuery(RoomMember.DELETE_OF_USER).setParameter("user", user).executeUpdate();
        em.createNamedQuery(RoomBan.DELETE_OF_USER).setParameter("user", user).executeUpdate();
        em.createNamedQuery(RoomInvitation.DELETE_OF_USER).setParameter("user", user).executeUpdate();
        for (Room owned : em.createNamedQuery(Room.OWNED_BY, Room.class).setParameter("user", user).getResultList()) {
            owned.handOver(successor(owned).orElse(null));
        }
    }

    /** The user's memberships, with their positions. */
    public List<RoomMember> memberships(long user) {
        return em.createNamedQuery(RoomMember.OF_USER, RoomMember.class).setParameter("user", user).getResultList();
    }

    /** The user's membership of the room, if a member. */
    public Optional<RoomMember> membership(long roomId, long user) {
        return one(RoomMember.ONE, RoomMember.class, roomId, user);
    }

    private <T> Optional<T> one(String query, Class<T> type, long roomId, long user) {
        return one(em, query, type, roomId, user);
    }

    /** The one row of that named query for a room and a user, if any. */
    static <T> Optional<T> one(EntityManager em, String query, Class<T> type, long roomId, long user) {
        return em.createNamedQuery(query, type).setParameter("room", roomId).setParameter("user", user)
                .getResultStream().findFirst();
    }
}
