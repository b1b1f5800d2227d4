package org.nodeim.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * A direct message or notification that has not reached its recipient yet: it goes with the
 * first delivery. Keyed by recipient first, so that a signin finds its waiting messages in one
 * index range. The {@link MessageJournal} writes these rows only for messages that stay
 * undelivered for a while; see {@link DeliveryCheckpoint}.
 */
@Entity
@Table(name = "NODEIM_PENDING")
@IdClass(PendingDelivery.Key.class)
@NamedQuery(name = PendingDelivery.DELETE_ONE, query = "DELETE FROM PendingDelivery p"
        + " WHERE p.recipientId = :recipient AND p.messageId = :message")
@NamedQuery(name = PendingDelivery.DELETE_OF_USER, query = "DELETE FROM PendingDelivery p WHERE p.recipientId = :user"
        + " OR p.messageId IN (SELECT m.id FROM Message m WHERE m.senderId = :user)")
public class PendingDelivery {

    public static final String DELETE_ONE = "PendingDelivery.deleteOne";
    public static final String DELETE_OF_USER = "PendingDelivery.deleteOfUser";

    /** The key: recipient and message. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private long recipientId;
        private long messageId;

        public Key() {
        }

        public Key(long recipientId, long messageId) {
            this.recipientId = recipientId;
            this.messageId = messageId;
        }

        public long recipientId() {
            return recipientId;
        }

        public long messageId() {
            return messageId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.recipientId == recipientId && key.messageId == messageId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(recipientId) * 31 + Long.hashCode(messageId);
        }
    }

    @Id
    @Column(name = "RECIPIENT_ID")
    private long recipientId;

    @Id
    @Column(name = "MESSAGE_ID")
    private long messageId;

    protected PendingDelivery() {
    }

    public PendingDelivery(long recipientId, long messageId) {
        this.recipientId = recipientId;
        this.messageId = messageId;
    }
}
