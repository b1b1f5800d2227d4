package org.nodeim.chat;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.account.AccountService;
import org.nodeim.account.UserDeleted;
import org.nodeim.command.CommandFailure;

/**
 * Direct messages and notifications, and the history of conversations and rooms. Every
 * message is sanitized before it is stored; a stored message is committed when the method
 * returns.
 */
@Stateless
public class ChatService {

    /** Messages per page of history. */
    public static final int PAGE_SIZE = 20;

    private static final int MAX_CLIENT_TIME_LENGTH = 64;

    @PersistenceContext
    EntityManager em;

    @Inject
    AccountService accounts;

    @Inject
    @ConfigProperty(name = "nodeim.chat.max-message-bytes", defaultValue = "65536")
    int maxMessageBytes;

    /** One page of history, newest first. */
    public record Page(int currentPage, int lastPage, List<Message> messages) {
    }

    /**
     * Stores a direct message.
     *
     * @throws CommandFailure 404 unknown recipient, 400 message too long
     */
    public Message send(long sender, long recipient, String html, JsonValue clientTime) {
        accounts.find(recipient).orElseThrow(() -> new CommandFailure(404, "unknown user"));
        return store(Message.direct(sender, recipient, null, clean(html), clientTimeOf(clientTime)));
    }

    /** Stores a notification ({@code type} other than ordinary) for a user. */
    public Message notify(long sender, long recipient, MessageType type, String html) {
        return store(Message.direct(sender, recipient, type, html == null ? "" : clean(html), null));
    }

    /**
     * Stores a {@code system} notification from the server ({@link AccountService#SYSTEM_ID})
     * for each of these users; the caller delivers them after commit.
     */
    public List<Message> notifyFromSystem(Collection<Long> recipients, String html) {
        String body = clean(html);
        var messages = new ArrayList<Message>(recipients.size());
        for (long recipient : recipients) {
            var message = Message.direct(AccountService.SYSTEM_ID, recipient, MessageType.SYSTEM, body, null);
            em.persist(message);
            messages.add(message);
        }
        em.flush();
        return messages;
    }

    /** Chat messages (direct and room, not notifications) accepted since that time. */
    public long countChatSince(long since) {
        return em.createNamedQuery(Message.COUNT_CHAT_SINCE, Long.class).setParameter("since", since)
                .getSingleResult();
    }

    /** Chat messages per minute since that time: minute (ms since the epoch, floored) to count, minutes with none left out. */
    public Map<Long, Long> chatPerMinute(long since) {
        var perMinute = new TreeMap<Long, Long>();
        List<?> rows = em.createNamedQuery(Message.CHAT_PER_MINUTE).setParameter(1, since).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            perMinute.put(((Number) columns[0]).longValue() * 60_000, ((Number) columns[1]).longValue());
        }
        return perMinute;
    }

    /** A deleted user's messages go with them: sent, received, notifications and room posts. */
    public void forget(@Observes UserDeleted deleted) {
        em.createNamedQuery(Message.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
    }

    /** Stores a message posted in a room (membership checked by the caller). */
    public Message post(long sender, long room, String html, JsonValue clientTime) {
        return store(Message.inRoom(sender, room, clean(html), clientTimeOf(clientTime)));
    }

    private Message store(Message message) {
        em.persist(message);
        em.flush();
        return message;
    }

    /** The sanitized message; 400 if the HTML sent is longer than allowed. */
    public String clean(String html) {
        if (html.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
            throw new CommandFailure(400, "message longer than " + maxMessageBytes + " bytes");
        }
        return HtmlSanitizer.sanitize(html);
    }

    /** The direct messages and notifications not yet delivered to a user, oldest first. */
    public List<Message> pending(long user) {
        return em.createNamedQuery(Message.PENDING, Message.class).setParameter("user", user).getResultList();
    }

    /** The conversation between two users, in both directions. */
    public Page conversation(long user, long other, int page) {
        return page("FROM Message m WHERE m.userLow = :low AND m.userHigh = :high AND m.type IS NULL", page,
                query -> query.setParameter("low", Math.min(user, other)).setParameter("high", Math.max(user, other)));
    }

    /** Every direct message to or from a user. */
    public Page directMessages(long user, int page) {
        return page("FROM Message m WHERE (m.senderId = :user OR m.recipientId = :user) AND m.roomId IS NULL"
                + " AND m.type IS NULL", page, query -> query.setParameter("user", user));
    }

    /** A room's history (membership checked by the caller). */
    public Page roomHistory(long room, int page) {
        return page("FROM Message m WHERE m.roomId = :room", page, query -> query.setParameter("room", room));
    }

    private interface Parameters {
        void bind(TypedQuery<?> query);
    }

    private Page page(String from, int page, Parameters parameters) {
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(m) " + from, Long.class);
        parameters.bind(count);
        long total = count.getSingleResult();
        int lastPage = (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE);
        if (total == 0 || page > lastPage) {
            return new Page(page, lastPage, List.of());
        }
        TypedQuery<Message> messages = em.createQuery("SELECT m " + from + " ORDER BY m.id DESC", Message.class)
                .setFirstResult((page - 1) * PAGE_SIZE)
                .setMaxResults(PAGE_SIZE);
        parameters.bind(messages);
        return new Page(page, lastPage, messages.getResultList());
    }

    private static String clientTimeOf(JsonValue clientTime) {
        if (clientTime == null) {
            return null;
        }
        return switch (clientTime.getValueType()) {
            case NUMBER, STRING -> clientTime.toString().length() <= MAX_CLIENT_TIME_LENGTH ? clientTime.toString() : null;
            default -> null;
        };
    }
}
