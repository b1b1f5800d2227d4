package org.nodeim.conformance;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.nodeim.json.JsonFactory;
import org.nodeim.protocol.EngineSession;
import org.nodeim.protocol.SocketIoServer;
import org.nodeim.protocol.SocketPacket;

/**
 * The Socket.IO layer as the official Socket.IO protocol test suite expects it
 * ({@link ConformanceEcho}): nodeim's, with an {@code auth} event after each CONNECT, the echoed
 * events answered before they reach the commands, and the suite's extra namespace. A bean only
 * in conformance mode ({@link ConformanceMode}); then it replaces {@link SocketIoServer}.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class ConformanceServer extends SocketIoServer {

    /**
     * How long the {@code auth} event waits after the answer to a CONNECT over WebSocket. The
     * suite reads each frame with a listener added after the one before: two frames that reach
     * it in one read (Undertow writes them almost at once) would lose the second. Over polling
     * both go in one payload, which the suite reads whole.
     */
    static final long AUTH_DELAY_MILLIS = 10;
    private static final String WEBSOCKET = "websocket";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Override
    protected void connect(EngineSession session, SocketPacket packet) {
        super.connect(session, packet);
        sendAuth(session, SocketPacket.MAIN_NAMESPACE, packet);
    }

    private void sendAuth(EngineSession session, String namespace, SocketPacket connect) {
        SocketPacket event = ConformanceEcho.auth(namespace, auth(connect));
        if (WEBSOCKET.equals(session.transport())) {
            scheduler.schedule(() -> session.send(event), AUTH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            session.send(event);
        }
    }

    @Override
    protected void onEvent(EngineSession session, SocketPacket packet) {
        ConformanceEcho.answer(packet).ifPresentOrElse(session::send, () -> super.onEvent(session, packet));
    }

    /** The suite's extra namespace: it connects, echoes, and keeps no state. */
    @Override
    protected void onOtherNamespace(EngineSession session, SocketPacket packet) {
        if (!ConformanceEcho.NAMESPACE.equals(packet.namespace())) {
            super.onOtherNamespace(session, packet);
            return;
        }
        switch (packet.type()) {
            case CONNECT -> {
                session.send(new SocketPacket(SocketPacket.Type.CONNECT, packet.namespace(), null,
                        JsonFactory.objectBuilder().add("sid", UUID.randomUUID().toString()).build()));
                sendAuth(session, packet.namespace(), packet);
            }
            case EVENT, BINARY_EVENT -> ConformanceEcho.answer(packet).ifPresent(session::send);
            case DISCONNECT, ACK, BINARY_ACK -> { }
            case CONNECT_ERROR -> session.close("parse error");
        }
    }

    private static JsonObject auth(SocketPacket packet) {
        return packet.payload() == null ? null : packet.payload().asJsonObject();
    }
}
