package org.nodeim.protocol;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;

/**
 * The client address of a WebSocket session. The WebSocket API has no standard accessor:
 * Undertow publishes it as a user property, Tyrus as a public method of its session.
 */
final class RemoteAddress {

    private static final String UNDERTOW_PROPERTY = "jakarta.websocket.endpoint.remoteAddress";

    private RemoteAddress() {
    }

    static String of(Session socket) {
        Object property = socket.getUserProperties().get(UNDERTOW_PROPERTY);
        if (property instanceof InetSocketAddress address) {
            return address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        }
        try {
            Method method = socket.getClass().getMethod("getRemoteAddr");
            Object value = method.invoke(socket);
            return value == null ? "" : value.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }
}
