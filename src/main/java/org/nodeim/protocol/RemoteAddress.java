package org.nodeim.protocol;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The client address of a WebSocket session. The WebSocket API has no standard accessor:
 * Tyrus has a public method of its session for it, Undertow the peer address of the session's
 * channel. Any other container gives an empty address.
 */
final class RemoteAddress {

    private RemoteAddress() {
    }

    static String of(Session socket) {
        try {
            // Tyrus (Payara, GlassFish)
            Object tyrus = call(socket, "getRemoteAddr");
            if (tyrus != null) {
                return tyrus.toString();
            }
            // Undertow (WildFly)
            Object channel = call(socket, "getWebSocketChannel");
            if (channel != null && call(channel, "getPeerAddress") instanceof InetSocketAddress address) {
                return address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not a container known here
        }
        return "";
    }

    /** The public methods without parameters of each class met, by name: looked up once per class, not per connection. */
    private static final ClassValue<Map<String, Method>> GETTERS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            var getters = new HashMap<String, Method>();
            for (Method method : type.getMethods()) {
                if (method.getParameterCount() == 0) {
                    getters.putIfAbsent(method.getName(), method);
                }
            }
            return getters;
        }
    };

    /** The result of the object's public method of that name without parameters, or null when it has none. */
    private static Object call(Object target, String name) throws ReflectiveOperationException {
        Method method = GETTERS.get(target.getClass()).get(name);
        return method == null ? null : method.invoke(target);
    }
}
