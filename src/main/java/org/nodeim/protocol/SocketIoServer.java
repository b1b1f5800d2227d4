package org.nodeim.protocol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.command.CommandDispatcher;
import org.nodeim.command.CommandMetrics;
import org.nodeim.command.Reply;
import org.nodeim.json.JsonFactory;
import org.nodeim.session.SessionRegistry;

/**
 * The Socket.IO layer: namespace handshakes, and events turned into command calls in either
 * of the two calling forms (an acknowledged emit, or the nodeim {@code {id, data}} form
 * answered by a {@code rspn} event).
 */
@ApplicationScoped
public class SocketIoServer {

    private static final Logger LOG = Logger.getLogger(SocketIoServer.class.getName());

    static final String REPLY_EVENT = "rspn";

    @Inject
    CommandDispatcher commands;

    @Inject
    SessionRegistry registry;

    @Inject
    CommandMetrics commandMetrics;

    /** A whole packet from a session's client, binary attachments included. */
    public void onPacket(EngineSession session, SocketPacket packet) {
        if (!packet.isMainNamespace()) {
            onOtherNamespace(session, packet);
            return;
        }
        switch (packet.type()) {
            case CONNECT -> connect(session, packet);
            case DISCONNECT -> {
                session.settleReceipts();
                registry.signOut(session);
                session.socketDisconnected();
            }
            case EVENT, BINARY_EVENT -> {
                if (session.isSocketConnected()) {
                    onEvent(session, packet);
                }
            }
            case ACK, BINARY_ACK -> {
                if (packet.ackId() != null) {
                    session.acknowledged(packet.ackId());
                }
            }
            case CONNECT_ERROR -> session.close("parse error");
        }
    }

    /** The session closed. */
    public void onClose(EngineSession session, String reason) {
        registry.closed(session);
    }

    /** A packet for a namespace other than the main one: nodeim serves no other. */
    protected void onOtherNamespace(EngineSession session, SocketPacket packet) {
        if (packet.type() == SocketPacket.Type.CONNECT) {
            session.send(new SocketPacket(SocketPacket.Type.CONNECT_ERROR, packet.namespace(), null,
                    JsonFactory.objectBuilder().add("message", "Invalid namespace").build()));
        }
    }

    /** The client joins the main namespace. */
    protected void connect(EngineSession session, SocketPacket packet) {
        JsonObject auth = packet.payload() == null ? null : packet.payload().asJsonObject();
        session.socketConnected(auth);
        session.send(new SocketPacket(SocketPacket.Type.CONNECT, SocketPacket.MAIN_NAMESPACE, null,
                JsonFactory.objectBuilder().add("sid", session.socketId()).build()));
    }

    /** An event in the main namespace from a connected client: a command call. */
    protected void onEvent(EngineSession session, SocketPacket packet) {
        JsonArray args = packet.payload().asJsonArray();
        String name = args.getString(0);
        JsonValue argument = args.size() > 1 ? args.get(1) : null;

        if (packet.ackId() != null) {
            long ackId = packet.ackId();
            JsonValue data = argument == null ? JsonValue.EMPTY_JSON_OBJECT : argument;
            session.answerInOrder(call(session, name, data, packet.type().isBinary()), reply -> {
                session.send(SocketIoCodec.ack(ackId, reply.toJson()));
                followUp(reply);
            });
            return;
        }

        JsonValue callId = JsonValue.NULL;
        JsonValue data = JsonValue.EMPTY_JSON_OBJECT;
        if (argument != null && argument.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject call = argument.asJsonObject();
            callId = call.getOrDefault("id", JsonValue.NULL);
            data = call.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
        } else if (argument != null) {
            data = argument;
        }
        JsonValue id = callId;
        session.answerInOrder(call(session, name, data, packet.type().isBinary()), reply -> {
            session.emit(REPLY_EVENT, JsonFactory.objectBuilder()
                    .add("id", id)
                    .add("cmd", name)
                    .add("data", reply.toJson())
                    .build());
            followUp(reply);
        });
    }

    private CompletionStage<Reply> call(EngineSession session, String name, JsonValue data, boolean binary) {
        long started = System.nanoTime();
        CompletionStage<Reply> reply = binary
                ? CompletableFuture.completedFuture(Reply.binaryRefused()) : commands.dispatch(session, name, data);
        return reply.thenApply(answer -> {
            try {
                commandMetrics.answered(name, started, answer);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the metrics of a command failed", e);
            }
            return answer;
        });
    }

    private static void followUp(Reply reply) {
        try {
            reply.followUp();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "work after a reply failed", e);
        }
    }
}
