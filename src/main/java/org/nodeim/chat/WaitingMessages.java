package org.nodeim.chat;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.session.Connection;
import org.nodeim.session.SignedIn;

/**
 * At signin, sends what waited for the user, oldest first: direct messages and notifications
 * not yet delivered, and the messages posted in their rooms while they were offline. Sent in
 * chunks (at most {@value #CHUNK} events, and at most a quarter of the connection's outbound
 * queue in characters), the next one once the last of the previous has been written, so that
 * a long backlog of large messages never overflows the connection's queue.
 */
@ApplicationScoped
public class WaitingMessages {

    static final int CHUNK = 200;

    /** A chunk takes at most this part of the connection's outbound queue: room is left for everything else. */
    private static final int QUEUE_SHARE = 4;

    private static final long SYNC_TIMEOUT_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(WaitingMessages.class.getName());

    @EJB
    ChatService chat;

    @Inject
    DeliveryLedger ledger;

    @Inject
    ChatMetrics chatMetrics;

    @Inject
    MessageJournal journal;

    @Inject
    MessageDelivery delivery;

    /** A message to send at signin, as its event's text; direct ones are tracked by the ledger. */
    private record Waiting(Message message, boolean direct, String event) {
    }

    void onSignedIn(@Observes @Priority(SignedIn.WAITING_MESSAGES) SignedIn signedIn) {
        Connection connection = signedIn.connection();
        var messages = new ArrayList<Message>();
        var direct = new HashSet<Long>();
        long read = ledger.beginRead();
        try {
            // Memory first: a message leaves it only once its pending row is committed.
            var waiting = new ArrayList<Message>(ledger.unrecordedFor(signedIn.userId()));
            waiting.addAll(chat.pending(signedIn.userId()));
            for (Message message : waiting) {
                if (!direct.contains(message.id()) && ledger.claim(message, List.of(connection.id()))) {
                    messages.add(message);
                    direct.add(message.id());
                }
            }
        } finally {
            ledger.endRead(read);
        }
        if (signedIn.firstConnection() && !signedIn.rooms().isEmpty()) {
            awaitRoomPositions();
            messages.addAll(chat.roomBacklog(signedIn.userId()));
        }
        if (messages.isEmpty()) {
            return;
        }
        messages.sort(Comparator.comparingLong(Message::id));
        Map<Long, JsonObject> senders = delivery.senderDocuments(messages);
        List<Waiting> waiting = messages.stream()
                .map(message -> new Waiting(message, direct.contains(message.id()), message.toEvent(
                        senders.get(message.senderId()),
                        signedIn.userId()).toString()))
                .toList();
        sendChunk(signedIn, waiting, 0);
    }

    /**
     * Waits until the room positions recorded so far are written, so that the backlog leaves
     * out what reached the user's connections that just closed.
     */
    private void awaitRoomPositions() {
        try {
            journal.sync().get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "room positions not written in time; the backlog may repeat a few messages", e);
        }
    }

    /**
     * Where the chunk that starts at {@code from} ends (exclusive): at most {@link #CHUNK}
     * events, and at most {@code budget} characters of them, but one event at least.
     *
     * @param count  how many events there are
     * @param sizeOf the length of the event at an index, in characters
     */
    static int chunkEnd(int count, IntUnaryOperator sizeOf, int from, long budget) {
        int end = from;
        long taken = 0;
        while (end < count && end - from < CHUNK && (end == from || taken + sizeOf.applyAsInt(end) <= budget)) {
            taken += sizeOf.applyAsInt(end);
            end++;
        }
        return end;
    }

    private void sendChunk(SignedIn signedIn, List<Waiting> waiting, int from) {
        int to = chunkEnd(waiting.size(), i -> waiting.get(i).event().length(), from,
                signedIn.connection().outboundCapacity() / QUEUE_SHARE);
        for (int i = from; i < to; i++) {
            Waiting item = waiting.get(i);
            boolean lastOfChunk = i == to - 1 && to < waiting.size();
            Message message = item.message();
            Runnable onWritten = lastOfChunk ? () -> sendChunk(signedIn, waiting, to) : null;
            signedIn.connection().deliver(MessageDelivery.EVENT, item.event(), onWritten, () -> {
                if (item.direct()) {
                    delivery.receivedDirect(message, signedIn.connection());
                } else {
                    ledger.deliveredInRoom(signedIn.userId(), message.roomId().orElseThrow(), message.id());
                    chatMetrics.delivered();
                }
            });
        }
    }
}
