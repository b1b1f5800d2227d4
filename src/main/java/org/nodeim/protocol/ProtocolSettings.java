package org.nodeim.protocol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Engine.IO / Socket.IO settings, from MicroProfile Config. In conformance mode the heartbeat
 * and the connect timeout take the values the official protocol test suites expect.
 */
@ApplicationScoped
public class ProtocolSettings {

    static final long CONFORMANCE_PING_INTERVAL = 300;
    static final long CONFORMANCE_PING_TIMEOUT = 200;
    static final long CONFORMANCE_CONNECT_TIMEOUT = 1000;

    @Inject
    @ConfigProperty(name = "nodeim.protocol.ping-interval", defaultValue = "25000")
    long pingInterval;

    @Inject
    @ConfigProperty(name = "nodeim.protocol.ping-timeout", defaultValue = "20000")
    long pingTimeout;

    @Inject
    @ConfigProperty(name = "nodeim.protocol.connect-timeout", defaultValue = "45000")
    long connectTimeout;

    @Inject
    @ConfigProperty(name = "nodeim.protocol.max-payload", defaultValue = "1000000")
    int maxPayload;

    @Inject
    @ConfigProperty(name = "nodeim.protocol.outbound-queue-limit", defaultValue = "4096")
    int outboundQueueLimit;

    @Inject
    @ConfigProperty(name = "nodeim.protocol.outbound-queue-bytes", defaultValue = "8388608")
    long outboundQueueBytes;

    @Inject
    @ConfigProperty(name = "nodeim.protocol.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "nodeim.protocol.conformance", defaultValue = "false")
    boolean conformance;

    /** Milliseconds between two pings from the server. */
    public long pingInterval() {
        return conformance ? CONFORMANCE_PING_INTERVAL : pingInterval;
    }

    /** Milliseconds the client has to answer a ping. */
    public long pingTimeout() {
        return conformance ? CONFORMANCE_PING_TIMEOUT : pingTimeout;
    }

    /**
     * Milliseconds without any frame after which the WebSocket container closes a connection:
     * twice a heartbeat, so that only the heartbeat closes live-looking dead connections.
     */
    public long idleTimeout() {
        return 2 * (pingInterval() + pingTimeout());
    }

    /** Milliseconds a client has to send its Socket.IO CONNECT. */
    public long connectTimeout() {
        return conformance ? CONFORMANCE_CONNECT_TIMEOUT : connectTimeout;
    }

    /**
     * Origins (such as {@code https://chat.example.org}) whose pages may reach the server
     * besides its own; {@code *} for any. Empty by default: same origin only.
     */
    public Set<String> allowedOrigins() {
        return allowedOrigins.map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(origin -> !origin.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    /** Whether the server behaves as the official Socket.IO protocol test suite expects. */
    public boolean conformance() {
        return conformance;
    }

    /** The largest message a client may send, in bytes. */
    public int maxPayload() {
        return maxPayload;
    }

    /** Frames waiting for a slow client beyond which its connection is closed. */
    public int outboundQueueLimit() {
        return outboundQueueLimit;
    }

    /**
     * How much a slow client may have queued, in characters of text frames plus bytes of binary
     * ones, before its connection is closed (what was queued then waits for its next signin).
     */
    public long outboundQueueBytes() {
        return outboundQueueBytes;
    }
}
