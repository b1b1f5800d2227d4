package org.nodeim.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.nodeim.account.UserDirectory;
import org.nodeim.presence.Connection;
import org.nodeim.presence.SessionRegistry;

/**
 * Pushes committed messages to the connections of their recipients as {@code message} events,
 * without waiting for any of them. A message counts as delivered once one write of it has
 * completed (see {@link DeliveryLedger}); one that reached no connection waits for the next
 * signin. Sender documents come from the {@link UserDirectory}, not the database.
 */
@ApplicationScoped
public class MessageDelivery {

    static final String EVENT = "message";

    @Inject
    SessionRegistry registry;

    @Inject
    DeliveryLedger ledger;

    @Inject
    UserDirectory users;

    /** Sends a direct message or notification to every connection of its recipient. */
    public void deliverDirect(Message message) {
        long recipient = message.recipientId().orElseThrow();
        Set<Connection> connections = registry.connectionsOf(recipient);
        if (connections.isEmpty() || !ledger.claim(message.id(), connections.stream().map(Connection::id).toList())) {
            return;
        }
        JsonObject event = message.toEvent(senderDocument(message), recipient);
        for (Connection connection : connections) {
            connection.emit(EVENT, event, () -> ledger.delivered(message));
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
                connections.forEach(connection -> connection.emitEncoded(EVENT, text,
                        () -> ledger.deliveredInRoom(member, room, message.id())));
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
