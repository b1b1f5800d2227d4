package org.nodeim.chat;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.nodeim.room.RoomMember;

/**
 * Writes one group commit of the {@link MessageJournal} in one transaction, so that a commit
 * (and the database's log force) serves many messages; and, at start, takes every direct
 * message above the {@link DeliveryCheckpoint} as undelivered.
 */
@Stateless
public class MessageStore {

    @PersistenceContext
    EntityManager em;

    /** A member's position in a room: the last room message that reached them. */
    public record Position(long userId, long roomId) {
    }

    /**
     * What one group commit writes.
     *
     * @param messages   new messages, their ids assigned in list order
     * @param conversations conversations of these messages that may not be stored yet
     * @param delivered  waiting deliveries that are over
     * @param undelivered stored messages that have not reached their recipients: they wait now
     * @param checkpoint the new {@link DeliveryCheckpoint}, if it moves
     * @param positions  room positions to advance
     * @param receipts   device positions to advance (the highest message id each device received)
     * @param newWait    whether the new direct messages wait in the database from the start
     *                   (each gets its pending row, and the checkpoint moves past them), as in
     *                   a cluster, where any node may deliver them
     */
    public record Batch(List<Message> messages, Collection<Conversation> conversations,
                        List<PendingDelivery.Key> delivered, List<Message> undelivered,
                        OptionalLong checkpoint, Map<Position, Long> positions, Map<DeliveredPosition.Receipt, Long> receipts,
                        boolean newWait) {

        public boolean isEmpty() {
            return messages.isEmpty() && conversations.isEmpty() && delivered.isEmpty() && undelivered.isEmpty() && checkpoint.isEmpty()
                    && positions.isEmpty() && receipts.isEmpty();
        }
    }

    /** A device position that moved: its device received the messages of that sender up to {@code upTo}. */
    public record Received(DeliveredPosition.Receipt receipt, long upTo, long time) {
    }

    /**
     * Writes the batch; committed when this returns.
     *
     * @return the device positions that moved
     */
    public List<Received> write(Batch batch) {
        var perMinute = new TreeMap<Long, Long>();
        for (Message message : batch.messages()) {
            em.persist(message);
            if (message.isChat()) {
                perMinute.merge(Math.floorDiv(message.time(), ChatMinute.MILLIS), 1L, Long::sum);
            }
        }
        for (Conversation conversation : batch.conversations()) {
            if (em.find(Conversation.class, conversation.key()) == null) {
                em.persist(conversation);
            }
        }
        for (Message message : batch.undelivered()) {
            em.persist(new PendingDelivery(message.recipientId().orElseThrow(), message.id()));
        }
        if (batch.newWait()) {
            long latest = 0;
            for (Message message : batch.messages()) {
                if (message.recipientId().isPresent()) {
                    em.persist(new PendingDelivery(message.recipientId().get(), message.id()));
                    latest = Math.max(latest, message.id());
                }
            }
            if (latest > 0) {
                moveCheckpoint(latest);
            }
        }
        perMinute.forEach(this::count);
        batch.checkpoint().ifPresent(this::moveCheckpoint);
        em.flush();
        for (PendingDelivery.Key key : batch.delivered()) {
            em.createNamedQuery(PendingDelivery.DELETE_ONE)
                    .setParameter("recipient", key.recipientId())
                    .setParameter("message", key.messageId())
                    .executeUpdate();
        }
        batch.positions().forEach((position, messageId) -> em.createNamedQuery(RoomMember.ADVANCE)
                .setParameter("user", position.userId())
                .setParameter("room", position.roomId())
                .setParameter("message", messageId)
                .executeUpdate());
        return advance(batch.receipts());
    }

    private List<Received> advance(Map<DeliveredPosition.Receipt, Long> receipts) {
        if (receipts.isEmpty()) {
            return List.of();
        }
        long now = System.currentTimeMillis();
        var moved = new ArrayList<Received>(receipts.size());
        receipts.forEach((receipt, upTo) -> {
            int updated = em.createNamedQuery(DeliveredPosition.ADVANCE)
                    .setParameter("upTo", upTo)
                    .setParameter("now", now)
                    .setParameter("key", receipt.key())
                    .executeUpdate();
            if (updated == 1) {
                moved.add(new Received(receipt, upTo, now));
            } else if (em.find(DeliveredPosition.class, receipt.key()) == null) {
                em.persist(new DeliveredPosition(receipt, upTo, now));
                moved.add(new Received(receipt, upTo, now));
            }
        });
        return moved;
    }

    /**
     * Gives every direct message above the checkpoint, which may not have reached its
     * recipient before the server stopped, a waiting delivery, and moves the checkpoint past
     * them. Returns the checkpoint.
     */
    public long recover() {
        DeliveryCheckpoint checkpoint = em.find(DeliveryCheckpoint.class, DeliveryCheckpoint.LOCAL);
        long from = checkpoint == null ? 0 : checkpoint.recordedUpTo();
        em.createNativeQuery("INSERT INTO NODEIM_PENDING (RECIPIENT_ID, MESSAGE_ID)"
                        + " SELECT m.RECIPIENT_ID, m.ID FROM NODEIM_MESSAGE m"
                        + " WHERE m.ID > ? AND m.RECIPIENT_ID IS NOT NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM NODEIM_PENDING p WHERE p.RECIPIENT_ID = m.RECIPIENT_ID AND p.MESSAGE_ID = m.ID)")
                .setParameter(1, from)
                .executeUpdate();
        Long latest = em.createQuery("SELECT MAX(m.id) FROM Message m", Long.class).getSingleResult();
        long upTo = Math.max(from, latest == null ? 0 : latest);
        moveCheckpoint(upTo);
        return upTo;
    }

    /** Moves the checkpoint forward, never back, even when several nodes move it at once. */
    private void moveCheckpoint(long upTo) {
        int moved = em.createQuery("UPDATE DeliveryCheckpoint c SET c.recordedUpTo = :upTo"
                        + " WHERE c.name = :name AND c.recordedUpTo < :upTo")
                .setParameter("upTo", upTo)
                .setParameter("name", DeliveryCheckpoint.LOCAL)
                .executeUpdate();
        if (moved == 0 && em.find(DeliveryCheckpoint.class, DeliveryCheckpoint.LOCAL) == null) {
            em.persist(new DeliveryCheckpoint(DeliveryCheckpoint.LOCAL, upTo));
        }
    }

    /**
     * Adds to a minute's count in the database, so that nodes counting at once lose nothing.
     * In SQL with bound parameters: the JPQL form ({@code c.messages + :messages}) reaches Derby
     * with its values written into the text, which Derby compiled anew, into a new class, at
     * every batch.
     */
    private void count(long minute, long messages) {
        int counted = em.createNativeQuery("UPDATE NODEIM_CHAT_MINUTE SET MESSAGES = MESSAGES + ? WHERE EPOCH_MINUTE = ?")
                .setParameter(1, messages)
                .setParameter(2, minute)
                .executeUpdate();
        if (counted == 0) {
            em.persist(new ChatMinute(minute, messages));
        }
    }
}
