package org.nodeim.chat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.util.Optional;

/**
 * A message, stored once: a direct message or a notification to one user (delivered at most
 * once, tracked by {@code delivered}), or a message posted in a room (each member keeps a
 * position in the room instead). Ids grow in the order the server accepted the messages.
 */
@Entity
@Table(name = "NODEIM_MESSAGE", indexes = {
    @Index(name = "NODEIM_MESSAGE_PENDING", columnList = "RECIPIENT_ID, DELIVERED, ID"),
    @Index(name = "NODEIM_MESSAGE_PAIR", columnList = "USER_LOW, USER_HIGH, ID"),
    @Index(name = "NODEIM_MESSAGE_ROOM", columnList = "ROOM_ID, ID"),
    @Index(name = "NODEIM_MESSAGE_SENDER", columnList = "SENDER_ID, ID"),
    @Index(name = "NODEIM_MESSAGE_RECIPIENT", columnList = "RECIPIENT_ID, ID"),
    @Index(name = "NODEIM_MESSAGE_TIME", columnList = "SENT_AT")
})
@NamedQuery(name = Message.PENDING, query = "SELECT m FROM Message m WHERE m.recipientId = :user"
        + " AND m.delivered = false ORDER BY m.id")
@NamedQuery(name = Message.MARK_DELIVERED, query = "UPDATE Message m SET m.delivered = true WHERE m.id IN :ids")
@NamedQuery(name = Message.COUNT_CHAT_SINCE, query = "SELECT COUNT(m) FROM Message m WHERE m.time >= :since"
        + " AND m.type IS NULL")
@NamedQuery(name = Message.DELETE_OF_USER, query = "DELETE FROM Message m WHERE m.senderId = :user"
        + " OR m.recipientId = :user")
@NamedQuery(name = Message.DELETE_OF_ROOM, query = "DELETE FROM Message m WHERE m.roomId = :room")
@NamedNativeQuery(name = Message.CHAT_PER_MINUTE, query = "SELECT SENT_AT / 60000, COUNT(*) FROM NODEIM_MESSAGE"
        + " WHERE SENT_AT >= ? AND TYPE IS NULL GROUP BY SENT_AT / 60000")
public class Message {

    public static final String PENDING = "Message.pending";
    public static final String MARK_DELIVERED = "Message.markDelivered";
    public static final String COUNT_CHAT_SINCE = "Message.countChatSince";
    public static final String DELETE_OF_USER = "Message.deleteOfUser";
    public static final String DELETE_OF_ROOM = "Message.deleteOfRoom";
    /** Chat messages (direct and room) per minute since a time: rows of (minute since the epoch, count). */
    public static final String CHAT_PER_MINUTE = "Message.chatPerMinute";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
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

    @Lob
    @Column(name = "BODY", nullable = false)
    private String body;

    @Column(name = "SENT_AT", nullable = false)
    private long time;

    /** The {@code time} the client sent, as JSON. */
    @Column(name = "CLIENT_TIME", length = 64)
    private String clientTime;

    @Column(name = "DELIVERED", nullable = false)
    private boolean delivered;

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

    public long id() {
        return id;
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
     * {@code {from, to, message, time, type?, room?, clientTime?}}.
     */
    public JsonObject toEvent(JsonObject from, long to) {
        var event = Json.createObjectBuilder()
                .add("from", from)
                .add("to", to)
                .add("message", body)
                .add("time", time);
        if (type != null) {
            event.add("type", type.wireName());
        }
        if (roomId != null) {
            event.add("room", roomId);
        }
        if (clientTime != null) {
            try (var reader = Json.createReader(new StringReader(clientTime))) {
                event.add("clientTime", reader.readValue());
            }
        }
        return event.build();
    }
}
