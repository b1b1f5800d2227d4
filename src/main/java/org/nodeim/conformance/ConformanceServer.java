package org.nodeim.conformance;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import java.util.UUID;
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

    @Override
    protected void connect(EngineSession session, SocketPacket packet) {
        super.connect(session, packet);
        session.send(ConformanceEcho.auth(SocketPacket.MAIN_NAMESPACE, auth(packet)));
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
                session.send(ConformanceEcho.auth(packet.namespace(), auth(packet)));
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
