package org.nodeim.protocol;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Makes the Socket.IO WebSocket endpoints (and those that extend it) with their no-argument
 * constructor, not as CDI beans. The
 * container makes an endpoint for every connection; made through CDI, each one also kept an
 * injection target and its creational context for as long as the connection lived (about
 * 1.5 KB of heap a connection). The two application-scoped beans the endpoints need are
 * looked up once.
 */
public class EndpointInstances extends ServerEndpointConfig.Configurator {

    private volatile EngineSessions sessions;
    private volatile ProtocolSettings settings;

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
            sessions = CDI.current().select(EngineSessions.class).get();
        }
        endpoint.sessions = sessions;
        endpoint.settings = settings;
        return endpointClass.cast(endpoint);
    }
}
