package org.nodeim.chat;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Optional;
import org.nodeim.json.JsonFactory;

/**
 * A message, stored once: a direct message or a notification to one user (delivered at most
 * once: a {@link PendingDelivery} waits for it), or a message posted in a room (each member
 * keeps a position in the room instead). Ids grow in the order the server stored the messages.
 *
 * <p>Indexed for history only, and each index costs every message stored, so there is one
 * besides the id: by conversation, where a room's messages have no users and a direct message
 * no room (a query names all three columns: {@link #IN_ROOM} or {@link #BETWEEN_USERS}), newest
 * first, so that a page of history is read without a sort. Every direct message of a user is
 * found through it too: those where the user is the lower id directly, the others through the
 * user's {@link Conversation}s.
 */
@Entity
@Table(name = "NODEIM_MESSAGE", indexes = @Index(name = "NODEIM_MESSAGE_CONVERSATION",
        columnList = "ROOM_ID, USER_LOW, USER_HIGH, ID DESC"))
@NamedQuery(name = Message.PENDING, query = "SELECT m FROM Message m, PendingDelivery p"
        + " WHERE p.recipientId = :user AND m.id = p.messageId ORDER BY m.id")
@NamedQuery(name = Message.DELETE_OF_USER, query = "DELETE FROM Message m WHERE m.userLow = :user"
        + " OR m.userHigh = :user OR m.senderId = :user")
@NamedQuery(name = Message.DELETE_OF_ROOM, query = "DELETE FROM Message m WHERE m.roomId = :room")
public class Message {

    public static final String PENDING = "Message.pending";

    /** The JPQL condition of a room's messages, parameter {@code room}: all three columns of the conversation index. */
    public static final String IN_ROOM = "m.roomId = :room AND m.userLow IS NULL AND m.userHigh IS NULL";

    /** The JPQL condition of a direct conversation, parameters {@code low} and {@code high} (user ids, lower first). */
    public static final String BETWEEN_USERS = "m.roomId IS NULL AND m.userLow = :low AND m.userHigh = :high";
    public static final String DELETE_OF_USER = "Message.deleteOfUser";
    public static final String DELETE_OF_ROOM = "Message.deleteOfRoom";

    /** Ids taken from the database at a time, so that storing a message needs no round trip for its id. */
    static final int ID_BLOCK = 1000;

    @Id
    @SequenceGenerator(name = "NODEIM_MESSAGE_IDS", sequenceName = "NODEIM_MESSAGE_IDS", allocationSize = ID_BLOCK)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "NODEIM_MESSAGE_IDS")
    private Long id;

    @Column(name = "SENDER_ID", nullable = false)
    private long senderId;

    @Column(name = "RECIPIENT_ID")
    private Long recipientId;

    @Column(name = "ROOM_ID")
    private Long roomId;

    /** The two users of a direct message, lower id first: the key of their conversation. */
    @Column(name = "USER_LOW")
    private Long userLow;

    @Column(name = "USER_HIGH")
    private Long userHigh;

    @Enumerated(EnumType.STRING)
    @Column(name = "TYPE", length = 32)
    private MessageType type;

    // a CLOB column, mapped as a plain string: every provider reads and binds it as text, and
    // LOWER() in a query takes it (a @Lob is no string to Hibernate)
    @Column(name = "BODY", nullable = false)
    private String body;

    @Column(name = "SENT_AT", nullable = false)
    private long time;

    /** The {@code time} the client sent, as JSON. */
    @Column(name = "CLIENT_TIME", length = 64)
    private String clientTime;

    /** When its sender last edited or retracted it; null if never. */
    @Column(name = "EDITED_AT")
    private Long editedAt;

    /** Retracted by its sender: its text is gone. */
    @Column(name = "RETRACTED", nullable = false)
    private boolean retracted;

    protected Message() {
    }

    private Message(long senderId, Long recipientId, Long roomId, MessageType type, String body, String clientTime) {
        this.senderId = senderId;
        this.recipientId = recipientId;
        this.roomId = roomId;
        this.type = type;
        this.body = body;
        this.clientTime = clientTime;
        this.time = System.currentTimeMillis();
        if (recipientId != null) {
            this.userLow = Math.min(senderId, recipientId);
            this.userHigh = Math.max(senderId, recipientId);
        }
    }

    /** A direct message, or a notification when {@code type} is given. */
    public static Message direct(long senderId, long recipientId, MessageType type, String body, String clientTime) {
        return new Message(senderId, recipientId, null, type, body, clientTime);
    }

    public static Message inRoom(long senderId, long roomId, String body, String clientTime) {
        return new Message(senderId, null, roomId, null, body, clientTime);
    }

    /**
     * A stored direct message as another node of the cluster receives it: the fields of its
     * event but {@code from} and {@code to}, with its sender's and recipient's ids. See
     * {@link #fromRelay}.
     */
    JsonObject toRelay() {
        return JsonFactory.objectBuilder(afterRecipient())
                .add("sender", senderId)
                .add("recipient", recipientId)
                .build();
    }

    /** The stored direct message that another node relayed, detached: to deliver, never to persist. */
    static Message fromRelay(JsonObject relay) {
        var message = new Message(relay.getJsonNumber("sender").longValue(), relay.getJsonNumber("recipient").longValue(),
                null, relay.containsKey("type") ? MessageType.ofWireName(relay.getString("type")) : null,
                relay.getString("message"), relay.containsKey("clientTime") ? relay.get("clientTime").toString() : null);
        message.id = relay.getJsonNumber("id").longValue();
        message.time = relay.getJsonNumber("time").longValue();
        return message;
    }

    public long id() {
        return id;
    }

    /** When the server accepted the message, in ms since the epoch. */
    public long time() {
        return time;
    }

    /** Whether the message is ordinary chat (not a notification). */
    public boolean isChat() {
        return type == null;
    }

    /** The sanitized HTML. */
    String body() {
        return body;
    }

    public boolean isRetracted() {
        return retracted;
    }

    /** Its sender replaced its text (sanitized) at that time. */
    void edit(String newBody, long at) {
        body = newBody;
        editedAt = at;
    }

    /** Its sender took it back at that time: its text is gone for good. */
    void retract(long at) {
        body = "";
        retracted = true;
        editedAt = at;
    }

    /** This copy (one waiting in memory) takes the text of the stored message after an edit. */
    void takeTextOf(Message stored) {
        body = stored.body;
        editedAt = stored.editedAt;
        retracted = stored.retracted;
    }

    public long senderId() {
        return senderId;
    }

    public Optional<Long> recipientId() {
        return Optional.ofNullable(recipientId);
    }

    public Optional<Long> roomId() {
        return Optional.ofNullable(roomId);
    }

    public Optional<MessageType> type() {
        return Optional.ofNullable(type);
    }

    /**
     * The {@code message} event as the user {@code to} receives it:
     * {@code {from, to, message, time, id, type?, room?, clientTime?}}. The message's {@code id}
     * lets a client drop a message it receives twice (possible after a connection or the server
     * failed before the client's receipt arrived).
     */
    public JsonObject toEvent(JsonObject from, long to) {
        return JsonFactory.objectBuilder()
                .add("from", from)
                .add("to", to)
                .addAll(JsonFactory.objectBuilder(afterRecipient()))
                .build();
    }

    /**
     * What readers hear of an edit or a retraction: {@code {id, from, to | room, message,
     * edited, retracted?}}, {@code from} the sender's id.
     */
    JsonObject toChange() {
        var change = JsonFactory.objectBuilder().add("id", id).add("from", senderId);
        if (recipientId != null) {
            change.add("to", recipientId);
        }
        if (roomId != null) {
            change.add("room", roomId);
        }
        change.add("message", body).add("edited", editedAt == null ? time : editedAt);
        if (retracted) {
            change.add("retracted", true);
        }
        return change.build();
    }

    /** The same event as JSON text, encoded once for every recipient of a room message. */
    EventText toEventText(JsonObject from) {
        String rest = afterRecipient().toString();
        return new EventText("{\"from\":" + from + ",\"to\":", "," + rest.substring(1));
    }

    /** The JSON text of an event, but for its recipient: {@code head + to + tail}. */
    record EventText(String head, String tail) {

        String forRecipient(long to) {
            return head + to + tail;
        }
    }

    /** The members of the event that follow {@code to}, in order. */
    private JsonObject afterRecipient() {
        var rest = JsonFactory.objectBuilder()
                .add("message", body)
                .add("time", time)
                .add("id", id);
        if (type != null) {
            rest.add("type", type.wireName());
        }
        if (roomId != null) {
            rest.add("room", roomId);
        }
        if (clientTime != null) {
            rest.add("clientTime", JsonFactory.read(clientTime));
        }
        if (editedAt != null) {
            rest.add("edited", editedAt);
        }
        if (retracted) {
            rest.add("retracted", true);
        }
        return rest.build();
    }
}
