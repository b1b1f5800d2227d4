package org.nodeim.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nodeim.account.UserDeleted;

/**
 * What has reached whom.
 *
 * <p>Direct messages and notifications wait for their recipient until one of the recipient's
 * connections has proven it received them (see {@code Connection#deliver}). A chat message
 * waits in memory first ({@linkplain #stored unrecorded}): most reach their recipient within
 * moments and are never written down again;
 * the {@link MessageJournal} writes a {@link PendingDelivery} for those still waiting after a
 * while ({@link #dueForRecording}). Notifications get theirs when they are stored.
 *
 * <p>While a message is being sent to some connections it is claimed by them, so that a signin
 * elsewhere does not send it a second time; if all those connections close before proving
 * anything, the claim is {@linkplain #release released}: the message waits again, and is sent
 * to the recipient's other connections or at the next signin. A claim outlives the delivery
 * until every read of waiting messages that began before it is over: such a read may still see
 * the message as waiting, and must find it claimed.
 *
 * <p>Room messages: the last one proven to have reached a member becomes their position in the room.
 */
@ApplicationScoped
public class DeliveryLedger {

    @Inject
    MessageJournal journal;

    /** A message in flight to some connections; none once it reached one of them. */
    private record Claim(Message message, Set<String> connections) {
    }

    /** The claims of messages in flight, by message id. */
    private final Map<Long, Claim> claims = new ConcurrentHashMap<>();

    /** Stored chat messages waiting in memory only, by id (ascending: stored order). */
    private final ConcurrentSkipListMap<Long, Unrecorded> unrecorded = new ConcurrentSkipListMap<>();
    private final Map<Long, Set<Long>> unrecordedByRecipient = new ConcurrentHashMap<>();

    /**
     * A message waiting in memory. Once the journal is writing its pending row it is
     * {@code recording}: a delivery from then on must also end that row.
     */
    private static final class Unrecorded {
        final Message message;
        final long storedAtNanos;
        private boolean recording;
        private boolean delivered;

        Unrecorded(Message message, long storedAtNanos) {
            this.message = message;
            this.storedAtNanos = storedAtNanos;
        }

        /** Marks it for recording; false if it was delivered first. */
        synchronized boolean startRecording() {
            recording = !delivered;
            return recording;
        }

        synchronized void stopRecording() {
            recording = false;
        }

        /** Marks it delivered; true if its pending row is being written. */
        synchronized boolean deliver() {
            delivered = true;
            return recording;
        }
    }

    /** Delivered messages whose claims wait for earlier reads, with the epoch of their delivery. */
    private record Retired(long epoch, long messageId) {
    }

    private final AtomicLong epoch = new AtomicLong();
    private final Queue<Retired> retired = new ConcurrentLinkedQueue<>();
    private final Map<Long, Long> readsInProgress = new ConcurrentHashMap<>();
    private final AtomicLong readIds = new AtomicLong();

    /** Direct chat messages just committed without a pending row: they wait in memory. */
    void stored(Collection<Message> messages, long nowNanos) {
        for (Message message : messages) {
            message.recipientId().ifPresent(recipient -> {
                unrecorded.put(message.id(), new Unrecorded(message, nowNanos));
                unrecordedByRecipient.computeIfAbsent(recipient, id -> ConcurrentHashMap.newKeySet()).add(message.id());
            });
        }
    }

    /**
     * The messages waiting in memory that were stored before {@code storedBeforeNanos}, and the
     * oldest ones beyond {@code keepAtMost}: the journal writes their pending rows, then
     * calls {@link #recorded}. They stay readable in memory until then.
     */
    List<Message> dueForRecording(long storedBeforeNanos, int keepAtMost) {
        var due = new ArrayList<Message>();
        int beyond = unrecorded.size() - keepAtMost;
        for (Unrecorded waiting : unrecorded.values()) {
            boolean old = waiting.storedAtNanos - storedBeforeNanos < 0;
            if (!old && due.size() >= beyond) {
                break;
            }
            if (waiting.startRecording()) {
                due.add(waiting.message);
            }
        }
        return due;
    }

    /** Their pending rows are committed: they wait in the database now, no longer in memory. */
    void recorded(Collection<Message> messages) {
        for (Message message : messages) {
            if (unrecorded.remove(message.id()) != null) {
                forgetUnrecorded(message);
            }
        }
    }

    /** Their pending rows could not be written: they keep waiting in memory, to be recorded again. */
    void notRecorded(Collection<Message> messages) {
        for (Message message : messages) {
            Unrecorded waiting = unrecorded.get(message.id());
            if (waiting != null) {
                waiting.stopRecording();
            }
        }
    }

    /** The lowest id of the messages waiting in memory, if any. */
    OptionalLong oldestUnrecorded() {
        var first = unrecorded.firstEntry();
        return first == null ? OptionalLong.empty() : OptionalLong.of(first.getKey());
    }

    /** The messages of a user waiting in memory, oldest first (read between {@link #beginRead} and {@link #endRead}). */
    public List<Message> unrecordedFor(long recipient) {
        Set<Long> ids = unrecordedByRecipient.get(recipient);
        if (ids == null) {
            return List.of();
        }
        var messages = new ArrayList<Message>();
        for (long id : ids) {
            Unrecorded waiting = unrecorded.get(id);
            if (waiting != null) {
                messages.add(waiting.message);
            }
        }
        return messages;
    }

    /** Claims a message for sending to these connections; false if it is already claimed. */
    public boolean claim(Message message, Collection<String> connectionIds) {
        Set<String> connections = ConcurrentHashMap.newKeySet();
        connections.addAll(connectionIds);
        return claims.putIfAbsent(message.id(), new Claim(message, connections)) == null;
    }

    /**
     * One of the connections that claimed the message has received it: it waits no more.
     *
     * @return whether this receipt is the message's first, the one that delivered it
     */
    public boolean delivered(Message message) {
        Claim claim = claims.get(message.id());
        if (claim == null || claim.connections().isEmpty()) {
            return false;
        }
        claim.connections().clear();
        Unrecorded waiting = unrecorded.remove(message.id());
        if (waiting != null) {
            forgetUnrecorded(message);
        }
        if (waiting != null && !waiting.deliver()) {
            retire(message.id());
        } else {
            long recipient = message.recipientId().orElseThrow();
            journal.delivered(new PendingDelivery.Key(recipient, message.id()), () -> retire(message.id()));
        }
        return true;
    }

    /**
     * A message was edited or retracted: a copy waiting here (in memory, or claimed for
     * delivery) is sent with its new text.
     */
    void changed(Message stored) {
        Unrecorded waiting = unrecorded.get(stored.id());
        if (waiting != null) {
            waiting.message.takeTextOf(stored);
        }
        Claim claim = claims.get(stored.id());
        if (claim != null) {
            claim.message().takeTextOf(stored);
        }
    }

    /** A room message has reached one of a member's connections. */
    public void deliveredInRoom(long userId, long roomId, long messageId) {
        journal.advance(userId, roomId, messageId);
    }

    /**
     * A connection closed: the messages in flight only to closed connections, never proven
     * received, wait again. Returns them, oldest first.
     */
    List<Message> release(String connectionId) {
        var released = new ArrayList<Message>();
        claims.values().removeIf(claim -> {
            boolean last = claim.connections().remove(connectionId) && claim.connections().isEmpty();
            if (last) {
                released.add(claim.message());
            }
            return last;
        });
        released.sort(Comparator.comparingLong(Message::id));
        return released;
    }

    /** A deleted user's messages no longer wait, neither those to them nor those from them. */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserDeleted deleted) {
        long user = deleted.userId();
        unrecorded.values().removeIf(waiting -> waiting.message.senderId() == user
                || waiting.message.recipientId().orElseThrow() == user);
        unrecordedByRecipient.remove(user);
    }

    /**
     * Starts a read of waiting messages; the claims of deliveries from now on stay until
     * {@link #endRead}. Returns the read's token.
     */
    public long beginRead() {
        long token = readIds.incrementAndGet();
        readsInProgress.put(token, epoch.get());
        return token;
    }

    public void endRead(long token) {
        readsInProgress.remove(token);
        sweep();
    }

    private void forgetUnrecorded(Message message) {
        message.recipientId().ifPresent(recipient -> unrecordedByRecipient.computeIfPresent(recipient, (id, ids) -> {
            ids.remove(message.id());
            return ids.isEmpty() ? null : ids;
        }));
    }

    /** A delivery is written: its claim goes once no earlier read is running. */
    private void retire(long messageId) {
        retired.add(new Retired(epoch.incrementAndGet(), messageId));
        sweep();
    }

    private void sweep() {
        long oldestRead = readsInProgress.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        Retired next;
        while ((next = retired.peek()) != null && next.epoch() <= oldestRead) {
            if (retired.remove(next)) {
                claims.remove(next.messageId());
            }
        }
    }
}
