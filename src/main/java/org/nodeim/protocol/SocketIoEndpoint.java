package org.nodeim.protocol;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.session.ClientAddresses;

/**
 * The Socket.IO WebSocket transport at {@code /socket.io/}: a thin adapter that hands frames
 * to the connection's {@link EngineSession}. Opened with the {@code sid} of a polling session,
 * it offers that session an upgrade instead of opening a new one.
 */
@ServerEndpoint(value = "/socket.io/", configurator = EndpointInstances.class)
public class SocketIoEndpoint {

    private static final Logger LOG = Logger.getLogger(SocketIoEndpoint.class.getName());

    /** Set by {@link EndpointInstances}, which makes every instance. */
    protected EngineSessions sessions;
    protected ProtocolSettings settings;
    ClientAddresses addresses;

    private volatile int maxPayload;
    private volatile Session socket;
    private volatile EngineSession engine;
    private volatile WebSocketTransport upgrade;

    @OnOpen
    public void open(Session socket, EndpointConfig config) throws IOException {
        Map<String, List<String>> query = socket.getRequestParameterMap();
        String version = first(query, "EIO");
        String transportName = first(query, "transport");
        String sid = first(query, "sid");
        HandshakeCopy.release(socket);
        if (!"4".equals(version)) {
            socket.close(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "Unsupported protocol version"));
            return;
        }
        if (!"websocket".equals(transportName)) {
            socket.close(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "Transport unknown"));
            return;
        }
        this.socket = socket;
        maxPayload = settings.maxPayload();
        socket.setMaxTextMessageBufferSize(settings.maxPayload());
        socket.setMaxBinaryMessageBufferSize(settings.maxPayload());
        socket.setMaxIdleTimeout(settings.idleTimeout());
        var transport = new WebSocketTransport(socket);
        if (sid == null) {
            engine = openSession(addresses.of(RemoteAddress.of(socket), EndpointInstances.forwardedFor(socket)), transport);
            return;
        }
        var existing = sessions.find(sid).filter(session -> session.startUpgrade(transport));
        if (existing.isEmpty()) {
            socket.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "Bad request"));
            return;
        }
        upgrade = transport;
        engine = existing.get();
    }

    @OnMessage
    public void text(String frame) throws IOException {
        if (isTooBig(frame)) {
            // The container does not always enforce the buffer size set at open.
            socket.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message larger than maxPayload"));
            return;
        }
        if (upgrade != null) {
            if (engine.receiveUpgrade(upgrade, frame)) {
                upgrade = null;
            }
        } else if (engine != null) {
            engine.receive(frame);
        }
    }

    @OnMessage
    public void binary(ByteBuffer frame) throws IOException {
        if (frame.remaining() > maxPayload) {
            socket.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message larger than maxPayload"));
            return;
        }
        if (upgrade != null) {
            engine.abortUpgrade(upgrade);
            upgrade.close("upgrade failed");
        } else if (engine != null) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            engine.receive(bytes);
        }
    }

    @OnClose
    public void closed(Session socket, CloseReason reason) {
        LOG.log(Level.FINE, "WebSocket closed: {0} {1}", new Object[] {reason.getCloseCode(), reason.getReasonPhrase()});
        if (upgrade != null) {
            engine.abortUpgrade(upgrade);
        } else if (engine != null) {
            engine.close("transport close");
        }
    }

    @OnError
    public void failed(Session socket, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error", error);
        if (upgrade != null) {
            engine.abortUpgrade(upgrade);
        } else if (engine != null) {
            engine.close("transport error");
        }
    }

    private boolean isTooBig(String frame) {
        int length = frame.length();
        if (length <= maxPayload / 3) {
            return false;
        }
        return length > maxPayload || frame.getBytes(StandardCharsets.UTF_8).length > maxPayload;
    }

    /** Opens the session of a WebSocket that did not come to upgrade one. */
    protected EngineSession openSession(String remoteAddress, Transport transport) {
        return sessions.open(remoteAddress, transport, false);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
