package org.nodeim.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * How far a user has read a conversation: every message up to {@code upTo} (a message id),
 * as the user's client said with {@code read}. It only moves forward.
 */
@Entity
@Table(name = "NODEIM_READ", indexes = @Index(name = "NODEIM_READ_CONVERSATION", columnList = "CONVERSATION"))
@NamedQuery(name = ReadPosition.OF_CONVERSATION, query = "SELECT p FROM ReadPosition p WHERE p.conversation = :conversation"
        + " ORDER BY p.readerId")
@NamedQuery(name = ReadPosition.DELETE_OF_USER, query = "DELETE FROM ReadPosition p WHERE p.readerId = :user")
public class ReadPosition {

    static final String OF_CONVERSATION = "ReadPosition.ofConversation";
    static final String DELETE_OF_USER = "ReadPosition.deleteOfUser";

    /** {@code reader/conversation}. */
    @Id
    @Column(name = "READ_KEY", length = 64)
    private String key;

    @Column(name = "READER_ID", nullable = false)
    private long readerId;

    /** {@code r<room>}, or {@code u<low>:<high>} for two users. */
    @Column(name = "CONVERSATION", nullable = false, length = 44)
    private String conversation;

    @Column(name = "UP_TO", nullable = false)
    private long upTo;

    @Column(name = "READ_AT", nullable = false)
    private long readAt;

    protected ReadPosition() {
    }

    ReadPosition(long readerId, String conversation) {
        this.key = keyOf(readerId, conversation);
        this.readerId = readerId;
        this.conversation = conversation;
    }

    static String keyOf(long readerId, String conversation) {
        return readerId + "/" + conversation;
    }

    /** The conversation of a room. */
    static String ofRoom(long room) {
        return "r" + room;
    }

    /** The conversation of two users. */
    static String between(long a, long b) {
        return "u" + Math.min(a, b) + ":" + Math.max(a, b);
    }

    /** Moves forward to {@code messageId} if it is further; whether it moved. */
    boolean advance(long messageId, long now) {
        if (messageId <= upTo) {
            return false;
        }
        upTo = messageId;
        readAt = now;
        return true;
    }

    long readerId() {
        return readerId;
    }

    long upTo() {
        return upTo;
    }

    long readAt() {
        return readAt;
    }
}
