package org.nodeim.chat;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.account.AccountService;
import org.nodeim.account.Blocks;
import org.nodeim.account.UserDeleted;
import org.nodeim.database.Page;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.room.MemberJoined;
import org.nodeim.room.Room;
import org.nodeim.room.RoomMember;
import org.nodeim.room.RoomService;

/**
 * Notifications, stored in the transaction of what they tell (a friend request, a deleted
 * room), what waits for a user (room backlogs included), where a new room member starts, and
 * the history of conversations and rooms. Chat messages
 * are stored by the {@link MessageJournal}.
 */
@Stateless
public class ChatService {

    /** Messages per page of history. */
    public static final int PAGE_SIZE = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    MessageComposer composer;

    @EJB
    RoomService rooms;

    @Inject
    Blocks blocks;

    @Inject
    @ConfigProperty(name = "nodeim.room.backlog-limit", defaultValue = "1000")
    int backlogLimit;

    @Inject
    @ConfigProperty(name = "nodeim.chat.edit-seconds", defaultValue = "900")
    long editSeconds;

    /** A deleted room, who its members were, and the {@code system} notices to deliver to them. */
    public record RoomDeleted(Room room, List<Long> members, List<Message> notices) {
    }

    /** Stores a notification ({@code type} other than ordinary) for a user. */
    public Message notify(long sender, long recipient, MessageType type, String html) {
        var message = Message.direct(sender, recipient, type, html == null ? "" : composer.clean(html), null);
        em.persist(message);
        em.persist(new PendingDelivery(recipient, message.id()));
        em.flush();
        return message;
    }

    /**
     * Stores a {@code system} notification from the server ({@link AccountService#SYSTEM_ID})
     * for each of these users; the caller delivers them after commit.
     */
    public List<Message> notifyFromSystem(Collection<Long> recipients, String html) {
        String body = composer.clean(html);
        var messages = new ArrayList<Message>(recipients.size());
        for (long recipient : recipients) {
            var message = Message.direct(AccountService.SYSTEM_ID, recipient, MessageType.SYSTEM, body, null);
            em.persist(message);
            em.persist(new PendingDelivery(recipient, message.id()));
            messages.add(message);
        }
        em.flush();
        return messages;
    }

    /**
     * Deletes a room, its memberships and its messages, and leaves each former member a
     * {@code system} notice, delivered by the caller after commit.
     */
    public RoomDeleted deleteRoom(long roomId) {
        RoomService.Deleted deleted = rooms.delete(roomId);
        em.createNamedQuery(Message.DELETE_OF_ROOM).setParameter("room", roomId).executeUpdate();
        List<Message> notices = notifyFromSystem(deleted.members(),
                "The room <b>" + escape(deleted.room().name()) + "</b> has been deleted by an administrator.");
        return new RoomDeleted(deleted.room(), deleted.members(), notices);
    }

    /** A new member of a room starts after its latest message. */
    public void startAtLatest(@Observes MemberJoined joined) {
        RoomMember member = joined.membership();
        Long latest = em.createQuery("SELECT MAX(m.id) FROM Message m WHERE " + Message.IN_ROOM, Long.class)
                .setParameter("room", member.roomId()).getSingleResult();
        member.startAfter(latest == null ? 0 : latest);
    }

    /**
     * The messages posted in the user's rooms after the last one that reached them, oldest
     * first (the latest ones, at most the configured limit per room), but those of senders the
     * user blocks.
     */
    public List<Message> roomBacklog(long user) {
        Set<Long> hiddenSenders = blocks.blockedBy(user);
        var missed = new ArrayList<Message>();
        for (RoomMember member : rooms.memberships(user)) {
            List<Message> messages = em.createQuery("SELECT m FROM Message m WHERE " + Message.IN_ROOM + " AND m.id > :after"
                            + " ORDER BY m.id DESC", Message.class)
                    .setParameter("room", member.roomId())
                    .setParameter("after", member.lastMessageId())
                    .setMaxResults(backlogLimit)
                    .getResultList();
            var oldestFirst = new ArrayList<>(messages);
            oldestFirst.removeIf(message -> hiddenSenders.contains(message.senderId()));
            Collections.reverse(oldestFirst);
            missed.addAll(oldestFirst);
        }
        return missed;
    }

    /** Chat messages (direct and room, not notifications) accepted since that time. */
    public long countChatSince(long since) {
        return chatPerMinute(since).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Chat messages per minute since that time: minute (ms since the epoch, floored) to count, minutes with none left out. */
    public Map<Long, Long> chatPerMinute(long since) {
        var perMinute = new TreeMap<Long, Long>();
        em.createNamedQuery(ChatMinute.SINCE, ChatMinute.class)
                .setParameter("minute", Math.floorDiv(since, ChatMinute.MILLIS))
                .getResultList()
                .forEach(counted -> perMinute.put(counted.minute() * ChatMinute.MILLIS, counted.messages()));
        return perMinute;
    }

    /** A deleted user's messages go with them: sent, received, notifications and room posts. */
    public void forget(@Observes UserDeleted deleted) {
        em.createNamedQuery(PendingDelivery.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
        em.createNamedQuery(Message.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
        em.createNamedQuery(Conversation.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
        em.createNamedQuery(ReadPosition.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
        em.createNamedQuery(DeliveredPosition.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
    }

    /** The direct messages and notifications not yet delivered to a user, oldest first. */
    public List<Message> pending(long user) {
        return em.createNamedQuery(Message.PENDING, Message.class).setParameter("user", user).getResultList();
    }

    /**
     * Replaces the text of one of the caller's chat messages (already sanitized); returns the
     * message as stored.
     *
     * @throws Refused 404 not a chat message of the caller, or retracted; 403 older than the
     *                 edit window
     */
    public Message edit(long caller, long messageId, String body) {
        Message message = ownChangeable(caller, messageId);
        message.edit(body, System.currentTimeMillis());
        return message;
    }

    /** Takes back one of the caller's chat messages: its text is gone. Refused as {@link #edit}. */
    public Message retract(long caller, long messageId) {
        Message message = ownChangeable(caller, messageId);
        message.retract(System.currentTimeMillis());
        return message;
    }

    private Message ownChangeable(long caller, long messageId) {
        Message message = em.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        if (message == null || message.senderId() != caller || !message.isChat() || message.isRetracted()) {
            throw new Refused(Reason.NOT_FOUND, "no such message of yours");
        }
        if (System.currentTimeMillis() - message.time() > editSeconds * 1000L) {
            throw new Refused(Reason.FORBIDDEN, "too late: messages can be changed for " + editSeconds + " s");
        }
        return message;
    }

    /** What {@link #markRead} did: the reader's position now, and whether it moved. */
    public record Read(long upTo, long readAt, boolean moved) {
    }

    /**
     * The reader has read the conversation up to that message: their position moves there,
     * never back.
     *
     * @param conversation {@link ReadPosition#ofRoom} or {@link ReadPosition#between}
     */
    public Read markRead(long reader, String conversation, long upTo) {
        String key = ReadPosition.keyOf(reader, conversation);
        ReadPosition position = em.find(ReadPosition.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (position == null) {
            position = new ReadPosition(reader, conversation);
            em.persist(position);
        }
        boolean moved = position.advance(upTo, System.currentTimeMillis());
        em.flush();
        return new Read(position.upTo(), position.readAt(), moved);
    }

    /** How far each device of its two users has received a conversation, by user and device. */
    public List<DeliveredPosition> deliveredPositions(String conversation) {
        return em.createNamedQuery(DeliveredPosition.OF_CONVERSATION, DeliveredPosition.class)
                .setParameter("conversation", conversation)
                .getResultList();
    }

    /** How far each of its readers has read a conversation, by reader id. */
    public List<ReadPosition> readPositions(String conversation) {
        return em.createNamedQuery(ReadPosition.OF_CONVERSATION, ReadPosition.class)
                .setParameter("conversation", conversation).getResultList();
    }

    /** The conversation between two users, in both directions. */
    public Page<Message> conversation(long user, long other, int page) {
        return page("FROM Message m WHERE " + Message.BETWEEN_USERS + " AND m.type IS NULL", page,
                query -> query.setParameter("low", Math.min(user, other)).setParameter("high", Math.max(user, other)));
    }

    /**
     * Every direct message to or from a user: the conversations where they are the lower id,
     * read along the conversation index, and those where they are the higher one, found
     * through their {@link Conversation}s; merged here.
     */
    public Page<Message> directMessages(long user, int page) {
        String asLow = "FROM Message m WHERE m.roomId IS NULL AND m.userLow = :user AND m.type IS NULL";
        String asHigh = "FROM Conversation c, Message m WHERE c.userHigh = :user AND c.userLow <> :user"
                + " AND m.roomId IS NULL AND m.userLow = c.userLow AND m.userHigh = c.userHigh AND m.type IS NULL";
        Parameters byUser = query -> query.setParameter("user", user);
        long total = count(asLow, byUser) + count(asHigh, byUser);
        if (Page.isPastTheEnd(page, PAGE_SIZE, total)) {
            return Page.pastTheEnd(page, PAGE_SIZE, total);
        }
        int from = Page.firstResult(page, PAGE_SIZE);
        int upTo = from + PAGE_SIZE;
        var newest = new ArrayList<Message>(newest(asLow, byUser, 0, upTo));
        newest.addAll(newest(asHigh, byUser, 0, upTo));
        newest.sort(Comparator.comparingLong(Message::id).reversed());
        return new Page<>(newest.subList(Math.min(from, newest.size()), Math.min(upTo, newest.size())), page, PAGE_SIZE, total);
    }

    /** A room's history (membership checked by the caller), but the messages of these senders (those the reader blocks). */
    public Page<Message> roomHistory(long room, int page, Set<Long> hiddenSenders) {
        return page("FROM Message m WHERE " + Message.IN_ROOM + notFrom(hiddenSenders), page,
                query -> bindRoom(query, room, hiddenSenders));
    }

    /** The JPQL condition that leaves out the messages of these senders, parameter {@code hidden}; empty for none. */
    private static String notFrom(Set<Long> hiddenSenders) {
        return hiddenSenders.isEmpty() ? "" : " AND m.senderId NOT IN :hidden";
    }

    private static void bindRoom(TypedQuery<?> query, long room, Set<Long> hiddenSenders) {
        query.setParameter("room", room);
        if (!hiddenSenders.isEmpty()) {
            query.setParameter("hidden", hiddenSenders);
        }
    }

    /**
     * The messages of a conversation whose text contains these words (case aside), newest
     * first, paged like history. Found among at most {@value #SEARCH_CANDIDATES} newest messages
     * whose HTML contains them, then checked against their text (so that a tag or an attribute
     * never matches).
     */
    public Page<Message> searchConversation(long user, long other, String words, int page) {
        return search("FROM Message m WHERE " + Message.BETWEEN_USERS + " AND m.type IS NULL", words, page,
                query -> query.setParameter("low", Math.min(user, other)).setParameter("high", Math.max(user, other)));
    }

    /** {@link #searchConversation} in a room's history (membership checked by the caller), as {@link #roomHistory}. */
    public Page<Message> searchRoom(long room, String words, int page, Set<Long> hiddenSenders) {
        return search("FROM Message m WHERE " + Message.IN_ROOM + notFrom(hiddenSenders), words, page,
                query -> bindRoom(query, room, hiddenSenders));
    }

    /** The most messages whose HTML a search reads. */
    static final int SEARCH_CANDIDATES = 2_000;

    /** The most words of a search that the database looks for (the text is then checked whole). */
    static final int SEARCH_WORDS = 8;

    private Page<Message> search(String from, String words, int page, Parameters parameters) {
        String wanted = words.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        // each word, as the HTML writes it, somewhere in the body: tags between words do not hide a phrase
        List<String> parts = List.of(wanted.split(" ")).stream().distinct().limit(SEARCH_WORDS).toList();
        var condition = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            condition.append(" AND LOWER(m.body) LIKE :w").append(i).append(" ESCAPE '\\'");
        }
        TypedQuery<Message> query = em.createQuery("SELECT m " + from + condition + " ORDER BY m.id DESC", Message.class)
                .setMaxResults(SEARCH_CANDIDATES);
        for (int i = 0; i < parts.size(); i++) {
            String html = parts.get(i).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            query.setParameter("w" + i, "%" + likeEscaped(html) + "%");
        }
        parameters.bind(query);
        List<Message> found = query.getResultList().stream()
                .filter(message -> HtmlSanitizer.text(message.body()).toLowerCase(Locale.ROOT).contains(wanted))
                .toList();
        if (Page.isPastTheEnd(page, PAGE_SIZE, found.size())) {
            return Page.pastTheEnd(page, PAGE_SIZE, found.size());
        }
        int first = Page.firstResult(page, PAGE_SIZE);
        return new Page<>(found.subList(first, Math.min(first + PAGE_SIZE, found.size())), page, PAGE_SIZE, found.size());
    }

    /** Text for a LIKE pattern with {@code \} as its escape: its own wildcards match themselves. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private interface Parameters {
        void bind(TypedQuery<?> query);
    }

    private Page<Message> page(String from, int page, Parameters parameters) {
        long total = count(from, parameters);
        if (Page.isPastTheEnd(page, PAGE_SIZE, total)) {
            return Page.pastTheEnd(page, PAGE_SIZE, total);
        }
        return new Page<>(newest(from, parameters, Page.firstResult(page, PAGE_SIZE), PAGE_SIZE), page, PAGE_SIZE, total);
    }

    private long count(String from, Parameters parameters) {
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(m) " + from, Long.class);
        parameters.bind(count);
        return count.getSingleResult();
    }

    private List<Message> newest(String from, Parameters parameters, int skip, int atMost) {
        TypedQuery<Message> messages = em.createQuery("SELECT m " + from + " ORDER BY m.id DESC", Message.class)
                .setFirstResult(skip)
                .setMaxResults(atMost);
        parameters.bind(messages);
        return messages.getResultList();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
