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
import org.nodeim.presence.Connection;
import org.nodeim.presence.SignedIn;
import org.nodeim.room.RoomService;

/**
 * At signin, sends what waited for the user, oldest first: direct messages and notifications
 * not yet delivered, and the messages posted in their rooms while they were offline. Sent in
 * chunks, the next one once the last of the previous has been written, so that a long
 * backlog never overflows the connection's queue.
 */
@ApplicationScoped
public class WaitingMessages {

    static final int CHUNK = 200;

    @Inject
    ChatService chat;

    @Inject
    RoomService rooms;

    @Inject
    DeliveryLedger ledger;

    @Inject
    MessageDelivery delivery;

    /** A message to send at signin, as its event; direct ones are tracked by the ledger. */
    private record Waiting(Message message, boolean direct, JsonObject event) {
    }

    void onSignedIn(@Observes @Priority(SignedIn.WAITING_MESSAGES) SignedIn signedIn) {
        Connection connection = signedIn.connection();
        ledger.flush();
        var messages = new ArrayList<Message>();
        var direct = new HashSet<Long>();
        for (Message message : chat.pending(signedIn.userId())) {
            if (ledger.claim(message.id(), List.of(connection.id()))) {
                messages.add(message);
                direct.add(message.id());
            }
        }
        if (signedIn.firstConnection()) {
            messages.addAll(rooms.backlog(signedIn.userId()));
        }
        if (messages.isEmpty()) {
            return;
        }
        messages.sort(Comparator.comparingLong(Message::id));
        Map<Long, JsonObject> senders = delivery.senderDocuments(messages);
        List<Waiting> waiting = messages.stream()
                .map(message -> new Waiting(message, direct.contains(message.id()), message.toEvent(
                        senders.get(message.senderId()),
                        signedIn.userId())))
                .toList();
        sendChunk(signedIn, waiting, 0);
    }

    private void sendChunk(SignedIn signedIn, List<Waiting> waiting, int from) {
        int to = Math.min(waiting.size(), from + CHUNK);
        for (int i = from; i < to; i++) {
            Waiting item = waiting.get(i);
            boolean lastOfChunk = i == to - 1 && to < waiting.size();
            Message message = item.message();
            signedIn.connection().emit(MessageDelivery.EVENT, item.event(), () -> {
                if (item.direct()) {
                    ledger.written(message.id());
                } else {
                    ledger.writtenInRoom(signedIn.userId(), message.roomId().orElseThrow(), message.id());
                }
                if (lastOfChunk) {
                    sendChunk(signedIn, waiting, to);
                }
            });
        }
    }
}
