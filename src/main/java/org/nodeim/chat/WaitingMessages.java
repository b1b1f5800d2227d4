package org.nodeim.chat;

import jakarta.annotation.Priority;
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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.session.Connection;
import org.nodeim.session.SignedIn;

/**
 * At signin, sends what waited for the user, oldest first: direct messages and notifications
 * not yet delivered, and the messages posted in their rooms while they were offline. Sent in
 * chunks, the next one once the last of the previous has been written, so that a long
 * backlog never overflows the connection's queue.
 */
@ApplicationScoped
public class WaitingMessages {

    static final int CHUNK = 200;

    private static final long SYNC_TIMEOUT_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(WaitingMessages.class.getName());

    @Inject
    ChatService chat;

    @Inject
    DeliveryLedger ledger;

    @Inject
    ChatMetrics chatMetrics;

    @Inject
    DeliveryReceipts receipts;

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

    private void sendChunk(SignedIn signedIn, List<Waiting> waiting, int from) {
        int to = Math.min(waiting.size(), from + CHUNK);
        for (int i = from; i < to; i++) {
            Waiting item = waiting.get(i);
            boolean lastOfChunk = i == to - 1 && to < waiting.size();
            Message message = item.message();
            Runnable onWritten = lastOfChunk ? () -> sendChunk(signedIn, waiting, to) : null;
            signedIn.connection().deliver(MessageDelivery.EVENT, item.event(), onWritten, () -> {
                if (item.direct()) {
                    if (ledger.delivered(message)) {
                        chatMetrics.delivered();
                    }
                    receipts.received(message, signedIn.connection());
                } else {
                    ledger.deliveredInRoom(signedIn.userId(), message.roomId().orElseThrow(), message.id());
                    chatMetrics.delivered();
                }
            });
        }
    }
}
