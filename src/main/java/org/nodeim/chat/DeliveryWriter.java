package org.nodeim.chat;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.nodeim.room.RoomMember;

/**
 * Writes what the {@link DeliveryLedger} recorded, a small batch per transaction, so that the
 * database never escalates to a table lock that would stall the messages being stored.
 */
@Stateless
public class DeliveryWriter {

    /** Rows one transaction updates at most. */
    static final int BATCH = 100;

    @PersistenceContext
    EntityManager em;

    public void markDelivered(List<Long> messageIds) {
        em.createNamedQuery(Message.MARK_DELIVERED).setParameter("ids", messageIds).executeUpdate();
    }

    public void advance(long userId, long roomId, long messageId) {
        em.createNamedQuery(RoomMember.ADVANCE)
                .setParameter("user", userId)
                .setParameter("room", roomId)
                .setParameter("message", messageId)
                .executeUpdate();
    }
}
