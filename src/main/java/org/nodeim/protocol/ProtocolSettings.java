package org.nodeim.protocol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
    private static final Pattern ROUTE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

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

    @Inject
    @ConfigProperty(name = "nodeim.node.route")
    Optional<String> route = Optional.empty();

    /** {@link #sessionIdSuffix()}, worked out once. */
    private volatile String sessionIdSuffix;

    /**
     * What ends every session id of this node: {@code .route} when {@code nodeim.node.route} is
     * set (as a servlet container's jvmRoute ends its session ids), so that a balancer sends a
     * client's polling requests back to the node that holds its session; empty otherwise.
     *
     * @throws IllegalStateException when the route is not 1 to 32 letters, digits, '-' or '_'
     */
    public String sessionIdSuffix() {
        String suffix = sessionIdSuffix;
        if (suffix == null) {
            suffix = routeSuffix();
            sessionIdSuffix = suffix;
        }
        return suffix;
    }

    private String routeSuffix() {
        return route.map(String::strip).filter(name -> !name.isEmpty()).map(name -> {
            if (!ROUTE.matcher(name).matches()) {
                throw new IllegalStateException("nodeim.node.route must be 1 to 32 letters, digits, '-' or '_': " + name);
            }
            return "." + name;
        }).orElse("");
    }

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
