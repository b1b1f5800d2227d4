package org.nodeim.chat;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.nodeim.account.UserDirectory;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.cluster.NodeLeft;
import org.nodeim.json.JsonFactory;
import org.nodeim.session.Connection;
import org.nodeim.session.ConnectionClosed;
import org.nodeim.session.Relayed;
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
    private static final String DIRECT = "chat.direct";
    private static final String ROOM = "chat.room";

    @Inject
    SessionRegistry registry;

    @Inject
    DeliveryLedger ledger;

    @Inject
    DeliveryReceipts receipts;

    @Inject
    ChatMetrics chatMetrics;

    @Inject
    UserDirectory users;

    @EJB
    ChatService chat;

    @Inject
    ClusterNode cluster;

    /**
     * Sends a direct message or notification to every connection of its recipient, on this
     * node and, in a cluster, on the others.
     */
    public void deliverDirect(Message message) {
        deliverHere(message);
        if (cluster.isClustered()) {
            registry.relay(message.recipientId().orElseThrow(), DIRECT, message.toRelay());
        }
    }

    /**
     * Sends a direct message to the recipient's connections on this node, unless it is already
     * on its way to them (claimed in the {@link DeliveryLedger}).
     */
    private void deliverHere(Message message) {
        long recipient = message.recipientId().orElseThrow();
        Set<Connection> connections = registry.connectionsOf(recipient);
        if (connections.isEmpty() || !ledger.claim(message, connections.stream().map(Connection::id).toList())) {
            return;
        }
        String event = message.toEvent(senderDocument(message), recipient).toString();
        for (Connection connection : connections) {
            connection.deliver(EVENT, event, null, () -> receivedDirect(message, connection));
        }
    }

    /** A connection proved it received a direct message or notification: it waits no more, and its device's receipt moves. */
    void receivedDirect(Message message, Connection connection) {
        if (ledger.delivered(message)) {
            chatMetrics.delivered();
        }
        receipts.received(message, connection);
    }

    /**
     * A node of the cluster died: the direct messages it stored, or relayed, and that had not
     * reached their recipients' nodes yet would wait for their next signin. Every direct message
     * still waiting for a user connected here goes to them now, but those already on their way
     * (the ledger's claims; a message that arrives twice has the same id).
     */
    void nodeLeft(@Observes NodeLeft left) {
        for (long user : registry.usersHere()) {
            long read = ledger.beginRead();
            try {
                chat.pending(user).forEach(this::deliverHere);
            } finally {
                ledger.endRead(read);
            }
        }
    }

    /** The messages in flight only to a closed connection go to the recipient's other connections here, if any. */
    void connectionClosed(@Observes ConnectionClosed closed) {
        for (Message message : ledger.release(closed.connection().id())) {
            deliverHere(message);
        }
    }

    /** Sends a room message to every connection of every member, the sender's included, on every node. */
    public void deliverToMembers(Message message, Collection<Long> members) {
        Message.EventText event = message.toEventText(senderDocument(message));
        long room = message.roomId().orElseThrow();
        deliverToMembersHere(room, message.id(), event, members);
        if (cluster.isClustered()) {
            var memberIds = JsonFactory.arrayBuilder();
            members.forEach(memberIds::add);
            registry.relayToAll(ROOM, JsonFactory.objectBuilder()
                    .add("room", room)
                    .add("id", message.id())
                    .add("head", event.head())
                    .add("tail", event.tail())
                    .add("members", memberIds)
                    .build());
        }
    }

    private void deliverToMembersHere(long room, long messageId, Message.EventText event, Collection<Long> members) {
        for (long member : members) {
            Set<Connection> connections = registry.connectionsOf(member);
            if (!connections.isEmpty()) {
                String text = event.forRecipient(member);
                connections.forEach(connection -> connection.deliver(EVENT, text, null,
                        () -> {
                            ledger.deliveredInRoom(member, room, messageId);
                            chatMetrics.delivered();
                        }));
            }
        }
    }

    /**
     * Messages stored on another node, for connections of this one. A direct message is claimed
     * and delivered as one stored here; its waiting row (every direct message has one in a
     * cluster) ends with the first receipt.
     */
    void relayed(@Observes Relayed relayed) {
        JsonObject body = relayed.body();
        if (relayed.is(DIRECT)) {
            deliverHere(Message.fromRelay(body));
        } else if (relayed.is(ROOM)) {
            var members = body.getJsonArray("members").getValuesAs(JsonNumber.class).stream()
                    .map(JsonNumber::longValue).toList();
            deliverToMembersHere(body.getJsonNumber("room").longValue(), body.getJsonNumber("id").longValue(),
                    new Message.EventText(body.getString("head"), body.getString("tail")), members);
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
