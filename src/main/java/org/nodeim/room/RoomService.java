package org.nodeim.room;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.account.UserDeleted;
import org.nodeim.chat.ChatService;
import org.nodeim.chat.Message;
import org.nodeim.command.CommandFailure;
import org.nodeim.database.Page;

/** Rooms, their members, the messages posted in them, and what members missed while offline. */
@Stateless
public class RoomService {

    @PersistenceContext
    EntityManager em;

    @Inject
    ChatService chat;

    @Inject
    Event<MembershipChanged> membershipChanged;

    @Inject
    @ConfigProperty(name = "nodeim.room.backlog-limit", defaultValue = "1000")
    int backlogLimit;

    /** Whether joining made the user a member, or they already were one. */
    public record Joined(Room room, boolean newbie) {
    }

    /** A deleted room, who its members were, and the {@code system} notices to deliver to them. */
    public record Deleted(Room room, List<Long> members, List<Message> notices) {
    }

    /** One page of rooms, by id, with their member counts, and how many rooms there are. */
    /** A page of rooms with the number of members of each. */
    public record RoomPage(Page<Room> rooms, Map<Long, Long> memberCounts) {
    }

    public Room create(long creator, String name, String intro) {
        if (name.length() > Room.MAX_NAME_LENGTH || intro != null && intro.length() > Room.MAX_INTRO_LENGTH) {
            throw new CommandFailure(400, "room name of at most " + Room.MAX_NAME_LENGTH
                    + " characters and introduction of at most " + Room.MAX_INTRO_LENGTH + " expected");
        }
        var room = new Room(name, intro, creator);
        em.persist(room);
        em.flush();
        em.persist(new RoomMember(room.id(), creator, 0));
        membershipChanged.fire(new MembershipChanged(room.id()));
        return room;
    }

    /** @throws CommandFailure 404 unknown room */
    public Joined join(long user, long roomId) {
        Room room = room(roomId);
        if (membership(roomId, user).isPresent()) {
            return new Joined(room, false);
        }
        em.persist(new RoomMember(roomId, user, latestMessageId(roomId)));
        membershipChanged.fire(new MembershipChanged(roomId));
        return new Joined(room, true);
    }

    /** @throws CommandFailure 404 unknown room or not a member */
    public Room leave(long user, long roomId) {
        Room room = room(roomId);
        em.remove(membership(roomId, user).orElseThrow(() -> new CommandFailure(404, "not a member of this room")));
        membershipChanged.fire(new MembershipChanged(roomId));
        return room;
    }

    /** @throws CommandFailure 404 unknown room */
    public Room room(long roomId) {
        return find(roomId).orElseThrow(() -> new CommandFailure(404, "unknown room"));
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

    /**
     * The messages posted in the user's rooms after the last one that reached them, oldest
     * first (the latest ones, at most the configured limit per room).
     */
    public List<Message> backlog(long user) {
        var missed = new ArrayList<Message>();
        for (RoomMember member : memberships(user)) {
            List<Message> messages = em.createQuery("SELECT m FROM Message m WHERE " + Message.IN_ROOM + " AND m.id > :after"
                            + " ORDER BY m.id DESC", Message.class)
                    .setParameter("room", member.roomId())
                    .setParameter("after", member.lastMessageId())
                    .setMaxResults(backlogLimit)
                    .getResultList();
            var oldestFirst = new ArrayList<>(messages);
            Collections.reverse(oldestFirst);
            missed.addAll(oldestFirst);
        }
        return missed;
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
     * Deletes a room, its memberships and its messages, and leaves each former member a
     * {@code system} notice, delivered by the caller after commit.
     *
     * @throws CommandFailure 404 unknown room
     */
    public Deleted delete(long roomId) {
        Room room = room(roomId);
        List<Long> members = memberIds(roomId);
        em.createNamedQuery(RoomMember.DELETE_OF_ROOM).setParameter("room", roomId).executeUpdate();
        em.createNamedQuery(Message.DELETE_OF_ROOM).setParameter("room", roomId).executeUpdate();
        em.remove(room);
        membershipChanged.fire(new MembershipChanged(roomId));
        List<Message> notices = chat.notifyFromSystem(members,
                "The room <b>" + escape(room.name()) + "</b> has been deleted by an administrator.");
        return new Deleted(room, members, notices);
    }

    /** A deleted user leaves every room; the rooms they created stay, with their other members. */
    public void forget(@Observes UserDeleted deleted) {
        em.createNamedQuery(RoomMember.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private List<RoomMember> memberships(long user) {
        return em.createNamedQuery(RoomMember.OF_USER, RoomMember.class).setParameter("user", user).getResultList();
    }

    private Optional<RoomMember> membership(long roomId, long user) {
        return em.createNamedQuery(RoomMember.ONE, RoomMember.class)
                .setParameter("room", roomId).setParameter("user", user)
                .getResultStream().findFirst();
    }

    private long latestMessageId(long roomId) {
        Long latest = em.createQuery("SELECT MAX(m.id) FROM Message m WHERE " + Message.IN_ROOM, Long.class)
                .setParameter("room", roomId).getSingleResult();
        return latest == null ? 0 : latest;
    }
}
