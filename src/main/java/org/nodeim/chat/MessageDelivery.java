package org.nodeim.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.nodeim.account.UserDirectory;
import org.nodeim.session.Connection;
import org.nodeim.session.ConnectionClosed;
import org.nodeim.session.SessionRegistry;

/**
 * Pushes committed messages to the connections of their recipients as {@code message} events,
 * without waiting for any of them. A message counts as delivered once one connection has
 * proven it received it (see {@link Connection#deliver} and {@link DeliveryLedger}); one that
 * reached no connection waits for the next signin, and one whose connections all closed
 * before proving anything is sent again to the recipient's other connections. Sender
 * documents come from the {@link UserDirectory}, not the database.
 */
@ApplicationScoped
public class MessageDelivery {

    static final String EVENT = "message";

    @Inject
    SessionRegistry registry;

    @Inject
    DeliveryLedger ledger;

    @Inject
    ChatMetrics chatMetrics;

    @Inject
    UserDirectory users;

    /** Sends a direct message or notification to every connection of its recipient. */
    public void deliverDirect(Message message) {
        long recipient = message.recipientId().orElseThrow();
        Set<Connection> connections = registry.connectionsOf(recipient);
        if (connections.isEmpty() || !ledger.claim(message, connections.stream().map(Connection::id).toList())) {
            return;
        }
        String event = message.toEvent(senderDocument(message), recipient).toString();
        for (Connection connection : connections) {
            connection.deliver(EVENT, event, null, () -> {
                if (ledger.delivered(message)) {
                    chatMetrics.delivered();
                }
            });
        }
    }

    /** The messages in flight only to a closed connection go to the recipient's other connections, if any. */
    void connectionClosed(@Observes ConnectionClosed closed) {
        for (Message message : ledger.release(closed.connection().id())) {
            deliverDirect(message);
        }
    }

    /** Sends a room message to every connection of every member, the sender's included. */
    public void deliverToMembers(Message message, Collection<Long> members) {
        Message.EventText event = message.toEventText(senderDocument(message));
        long room = message.roomId().orElseThrow();
        for (long member : members) {
            Set<Connection> connections = registry.connectionsOf(member);
            if (!connections.isEmpty()) {
                String text = event.forRecipient(member);
                connections.forEach(connection -> connection.deliver(EVENT, text, null,
                        () -> {
                            ledger.deliveredInRoom(member, room, message.id());
                            chatMetrics.delivered();
                        }));
            }
        }
    }

    private JsonObject senderDocument(Message message) {
        return users.document(message.senderId());
    }

    /** The sender documents of these messages, by id. */
    Map<Long, JsonObject> senderDocuments(Collection<Message> messages) {
        return users.documents(messages.stream().map(Message::senderId).distinct().toList());
    }
}
