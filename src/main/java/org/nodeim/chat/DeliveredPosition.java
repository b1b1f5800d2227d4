package org.nodeim.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * How far one device of a user has received a conversation: every direct message of the
 * other user up to {@code upTo} (a message id) reached a connection of that device, which
 * proved it. Written by the {@link MessageJournal} with its batches; it only moves forward.
 */
@Entity
@Table(name = "NODEIM_DELIVERED", indexes = @Index(name = "NODEIM_DELIVERED_CONVERSATION", columnList = "CONVERSATION"))
@NamedQuery(name = DeliveredPosition.OF_CONVERSATION, query = "SELECT p FROM DeliveredPosition p"
        + " WHERE p.conversation = :conversation ORDER BY p.userId, p.deviceId")
@NamedQuery(name = DeliveredPosition.ADVANCE, query = "UPDATE DeliveredPosition p SET p.upTo = :upTo, p.deliveredAt = :now"
        + " WHERE p.key = :key AND p.upTo < :upTo")
@NamedQuery(name = DeliveredPosition.DELETE_OF_USER, query = "DELETE FROM DeliveredPosition p WHERE p.userId = :user")
public class DeliveredPosition {

    static final String OF_CONVERSATION = "DeliveredPosition.ofConversation";
    static final String ADVANCE = "DeliveredPosition.advance";
    static final String DELETE_OF_USER = "DeliveredPosition.deleteOfUser";

    /**
     * A receipt before it is written: a device of {@code recipientId} received messages of
     * {@code senderId}.
     */
    public record Receipt(long deviceId, long recipientId, long senderId) {

        String key() {
            return keyOf(deviceId, ReadPosition.between(senderId, recipientId));
        }
    }

    /** {@code device/conversation}. */
    @Id
    @Column(name = "DELIVERED_KEY", length = 64)
    private String key;

    @Column(name = "DEVICE_ID", nullable = false)
    private long deviceId;

    /** The device's user: the one who received. */
    @Column(name = "USER_ID", nullable = false)
    private long userId;

    /** As {@link ReadPosition#between}. */
    @Column(name = "CONVERSATION", nullable = false, length = 44)
    private String conversation;

    @Column(name = "UP_TO", nullable = false)
    private long upTo;

    @Column(name = "DELIVERED_AT", nullable = false)
    private long deliveredAt;

    protected DeliveredPosition() {
    }

    DeliveredPosition(Receipt receipt, long upTo, long now) {
        this.key = receipt.key();
        this.deviceId = receipt.deviceId();
        this.userId = receipt.recipientId();
        this.conversation = ReadPosition.between(receipt.senderId(), receipt.recipientId());
        this.upTo = upTo;
        this.deliveredAt = now;
    }

    static String keyOf(long deviceId, String conversation) {
        return deviceId + "/" + conversation;
    }

    long deviceId() {
        return deviceId;
    }

    long userId() {
        return userId;
    }

    long upTo() {
        return upTo;
    }

    long deliveredAt() {
        return deliveredAt;
    }
}
