package org.nodeim.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.nodeim.session.Connection;
import org.nodeim.session.ConnectionClosed;

/** The device each signed-in connection signed in as, so that {@code signout} revokes its token. */
@ApplicationScoped
public class ConnectionDevices {

    private final Map<String, Long> devices = new ConcurrentHashMap<>();

    void signedIn(Connection connection, long deviceId) {
        devices.put(connection.id(), deviceId);
    }

    /** The device the connection signed in as, if it is signed in. */
    public OptionalLong deviceOf(Connection connection) {
        Long device = devices.get(connection.id());
        return device == null ? OptionalLong.empty() : OptionalLong.of(device);
    }

    /** Forgets the connection's device; the device, if it had one. */
    OptionalLong take(Connection connection) {
        Long device = devices.remove(connection.id());
        return device == null ? OptionalLong.empty() : OptionalLong.of(device);
    }

    void closed(@Observes ConnectionClosed closed) {
        devices.remove(closed.connection().id());
    }
}
