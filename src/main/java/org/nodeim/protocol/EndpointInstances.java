package org.nodeim.protocol;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.nodeim.session.ClientAddresses;

/**
 * Makes the Socket.IO WebSocket endpoints (and those that extend it) with their no-argument
 * constructor, not as CDI beans. The
 * container makes an endpoint for every connection; made through CDI, each one also kept an
 * injection target and its creational context for as long as the connection lived (about
 * 1.5 KB of heap a connection). The two application-scoped beans the endpoints need are
 * looked up once. It also keeps the {@code X-Forwarded-For} headers of the handshake for the
 * connection (user properties are per connection during a handshake since WebSocket 2.1), so
 * that a client behind a trusted balancer is known by its own address.
 */
public class EndpointInstances extends ServerEndpointConfig.Configurator {

    /** The user property that holds the handshake's {@code X-Forwarded-For} headers. */
    private static final String FORWARDED_FOR = "nodeim.forwarded-for";

    private volatile EngineSessions sessions;
    private volatile ProtocolSettings settings;
    private volatile ClientAddresses addresses;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            if (ClientAddresses.FORWARDED_FOR.equalsIgnoreCase(header.getKey())) {
                config.getUserProperties().put(FORWARDED_FOR, List.copyOf(header.getValue()));
            }
        }
    }

    /** The {@code X-Forwarded-For} headers of the connection's handshake. */
    @SuppressWarnings("unchecked")
    static List<String> forwardedFor(Session socket) {
        Object headers = socket.getUserProperties().get(FORWARDED_FOR);
        return headers instanceof List<?> list ? (List<String>) list : List.of();
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (!SocketIoEndpoint.class.isAssignableFrom(endpointClass)) {
            return super.getEndpointInstance(endpointClass);
        }
        SocketIoEndpoint endpoint;
        try {
            endpoint = (SocketIoEndpoint) endpointClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw (InstantiationException) new InstantiationException(endpointClass.getName()).initCause(e);
        }
        if (sessions == null) {
            settings = CDI.current().select(ProtocolSettings.class).get();
            addresses = CDI.current().select(ClientAddresses.class).get();
            sessions = CDI.current().select(EngineSessions.class).get();
        }
        endpoint.sessions = sessions;
        endpoint.settings = settings;
        endpoint.addresses = addresses;
        return endpointClass.cast(endpoint);
    }
}
