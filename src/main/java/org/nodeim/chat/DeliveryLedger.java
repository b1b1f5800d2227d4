package org.nodeim.chat;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.nodeim.presence.ConnectionClosed;

/**
 * What has reached whom. Room messages: the last one written to a member, per room, becomes
 * the member's position there. Direct messages: A message is claimed by the
 * connections it is being written to (so that a signin elsewhere does not send it a second
 * time), delivered once one write has completed, and released when all those connections
 * closed first (so that the next signin sends it again). Deliveries reach the database in
 * batches, at the latest a second later; claims outlive them by one more batch so that no
 * signin reads a delivered message as pending in between.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryLedger {

    @Inject
    DeliveryWriter writer;

    private record Position(long userId, long roomId) {
    }

    private final Map<Long, Set<String>> claims = new ConcurrentHashMap<>();
    private final Map<Position, Long> roomPositions = new ConcurrentHashMap<>();
    private final Queue<Long> delivered = new ConcurrentLinkedQueue<>();
    private volatile Set<Long> committed = Set.of();

    /** Claims a message for writes to these connections; false if it is already claimed. */
    public boolean claim(long messageId, Collection<String> connectionIds) {
        Set<String> writers = ConcurrentHashMap.newKeySet();
        writers.addAll(connectionIds);
        return claims.putIfAbsent(messageId, writers) == null;
    }

    /** A write of the message has completed. */
    public void written(long messageId) {
        Set<String> writers = claims.get(messageId);
        if (writers != null && !writers.isEmpty()) {
            writers.clear();
            delivered.add(messageId);
        }
    }

    /** A room message has been written to one of a member's connections. */
    public void writtenInRoom(long userId, long roomId, long messageId) {
        roomPositions.merge(new Position(userId, roomId), messageId, Math::max);
    }

    /** Releases the messages whose writes all went to connections now closed. */
    public void connectionClosed(@Observes ConnectionClosed event) {
        String id = event.connection().id();
        claims.entrySet().removeIf(claim -> claim.getValue().remove(id) && claim.getValue().isEmpty()
                && !delivered.contains(claim.getKey()) && !committed.contains(claim.getKey()));
    }

    /** Writes the deliveries and room positions recorded so far. */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public synchronized void flush() {
        committed.forEach(claims::remove);
        List<Long> ids = new ArrayList<>();
        Long id;
        while ((id = delivered.poll()) != null) {
            ids.add(id);
        }
        for (int from = 0; from < ids.size(); from += DeliveryWriter.BATCH) {
            writer.markDelivered(ids.subList(from, Math.min(ids.size(), from + DeliveryWriter.BATCH)));
        }
        committed = Set.copyOf(ids);
        for (Position position : List.copyOf(roomPositions.keySet())) {
            Long messageId = roomPositions.remove(position);
            if (messageId != null) {
                writer.advance(position.userId(), position.roomId(), messageId);
            }
        }
    }
}
