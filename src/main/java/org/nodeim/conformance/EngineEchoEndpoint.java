package org.nodeim.conformance;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import org.nodeim.protocol.EndpointInstances;
import org.nodeim.protocol.EngineSession;
import org.nodeim.protocol.SocketIoEndpoint;
import org.nodeim.protocol.Transport;

/**
 * The WebSocket transport of the bare Engine.IO server of conformance mode at
 * {@code /engine.io/}, as the official Engine.IO protocol test suite expects: the same transport
 * rules as {@code /socket.io/}, with every message sent back as it came. Outside conformance
 * mode it accepts no connection.
 */
@ServerEndpoint(value = "/engine.io/", configurator = EndpointInstances.class)
public class EngineEchoEndpoint extends SocketIoEndpoint {

    @OnOpen
    @Override
    public void open(Session socket, EndpointConfig config) throws IOException {
        if (!settings.conformance()) {
            socket.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "Not found"));
            return;
        }
        super.open(socket, config);
    }

    @Override
    protected EngineSession openSession(String remoteAddress, Transport transport) {
        return sessions.open(remoteAddress, transport, false, new EngineEcho());
    }
}
