package org.nodeim.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A direct conversation with at least one message: its two users, lower id first, written once
 * when they first exchange a message. With it, every direct message of a user is found from
 * the higher side too, through the messages' conversation index, so that messages need no
 * index of their own by higher user (an index costs every message stored; this row, one per
 * pair of users).
 */
@Entity
@Table(name = "NODEIM_CONVERSATION", indexes = @Index(name = "NODEIM_CONVERSATION_HIGH", columnList = "USER_HIGH, USER_LOW"))
@NamedQuery(name = Conversation.DELETE_OF_USER, query = "DELETE FROM Conversation c WHERE c.userLow = :user OR c.userHigh = :user")
public class Conversation {

    public static final String DELETE_OF_USER = "Conversation.deleteOfUser";

    /** {@code low:high}. */
    @Id
    @Column(name = "PAIR_KEY", length = 41)
    private String key;

    @Column(name = "USER_LOW", nullable = false)
    private long userLow;

    @Column(name = "USER_HIGH", nullable = false)
    private long userHigh;

    protected Conversation() {
    }

    private Conversation(long userLow, long userHigh) {
        this.key = keyOf(userLow, userHigh);
        this.userLow = userLow;
        this.userHigh = userHigh;
    }

    /** The conversation of a direct message. */
    static Conversation of(Message message) {
        long sender = message.senderId();
        long recipient = message.recipientId().orElseThrow();
        return new Conversation(Math.min(sender, recipient), Math.max(sender, recipient));
    }

    String key() {
        return key;
    }

    static String keyOf(long userLow, long userHigh) {
        return userLow + ":" + userHigh;
    }
}
