package org.nodeim.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * Every open connection of this server, and the signed-in ones by user: a user may be signed
 * in on several connections (devices) at once. Safe for concurrent use; sending never blocks.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    @Inject
    Event<UserWentOffline> wentOffline;

    @Inject
    Event<ConnectionClosed> connectionClosed;

    @Inject
    @ConfigProperty(name = "nodeim.presence.max-connections-per-user", defaultValue = "32")
    int maxConnectionsPerUser;

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<Long, Set<Connection>> byUser = new ConcurrentHashMap<>();

    /** A connection opened: known from now on, until it is {@link #closed}. */
    public void opened(Connection connection) {
        connections.put(connection.id(), connection);
        LOG.log(Level.INFO, "connection {0} opened from {1} ({2})",
                new Object[] {connection.id(), connection.remoteAddress(), connection.transport()});
    }

    /** The open connection of that id. */
    public Optional<Connection> find(String connectionId) {
        return Optional.ofNullable(connections.get(connectionId));
    }

    /**
     * Runs an action for every open connection without copying them: a connection opened or
     * closed meanwhile may be missed.
     */
    public void forEach(Consumer<? super Connection> action) {
        connections.values().forEach(action);
    }

    /** Forgets a closed connection; signs it out first. */
    public void closed(Connection connection) {
        LOG.log(Level.INFO, "connection {0} closed", connection.id());
        try {
            signOut(connection);
        } finally {
            connections.remove(connection.id());
            connectionClosed.fire(new ConnectionClosed(connection));
        }
    }

    /**
     * Signs a connection in as a user.
     *
     * @return whether it is the user's first connection (the user just came online)
     * @throws Refused already signed in, if the connection is (two signins at once); too many,
     *                 if the user already has as many connections as allowed
     */
    public boolean signIn(Connection connection, long userId) {
        if (!connection.bindUser(userId)) {
            throw new Refused(Reason.ALREADY_SIGNED_IN, "already signed in");
        }
        boolean[] first = new boolean[1];
        boolean[] full = new boolean[1];
        byUser.compute(userId, (id, set) -> {
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
            }
            first[0] = set.isEmpty();
            full[0] = set.size() >= maxConnectionsPerUser;
            if (!full[0]) {
                set.add(connection);
            }
            return set;
        });
        if (full[0]) {
            connection.unbindUser();
            throw new Refused(Reason.TOO_MANY, "too many connections for this user (at most " + maxConnectionsPerUser + ")");
        }
        LOG.log(Level.INFO, "connection {0} signed in as user {1}", new Object[] {connection.id(), Long.toString(userId)});
        if (connection.isClosed()) {
            // closed while signing in (a delayed signin): its close may have found nothing to sign out
            connection.unbindUser();
            byUser.computeIfPresent(userId, (id, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
            throw new Refused(Reason.CLOSED, "connection closed");
        }
        return first[0];
    }

    /**
     * Signs a connection out; tells {@link UserWentOffline} if it was the user's last.
     *
     * @return the user if this was their last connection (the user just went offline)
     */
    public OptionalLong signOut(Connection connection) {
        OptionalLong user = connection.unbindUser();
        if (user.isEmpty()) {
            return OptionalLong.empty();
        }
        LOG.log(Level.INFO, "connection {0} signed out (user {1})",
                new Object[] {connection.id(), Long.toString(user.getAsLong())});
        boolean[] last = new boolean[1];
        byUser.computeIfPresent(user.getAsLong(), (id, set) -> {
            set.remove(connection);
            last[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        if (!last[0]) {
            return OptionalLong.empty();
        }
        wentOffline.fire(new UserWentOffline(user.getAsLong()));
        return user;
    }

    public boolean isOnline(long userId) {
        return byUser.containsKey(userId);
    }

    public Set<Connection> connectionsOf(long userId) {
        Set<Connection> set = byUser.get(userId);
        return set == null ? Set.of() : Set.copyOf(set);
    }

    public Collection<Connection> all() {
        return List.copyOf(connections.values());
    }

    /** How many users are signed in on at least one connection. */
    public int signedInUsers() {
        return byUser.size();
    }

    public Set<Long> onlineUsers() {
        return Set.copyOf(byUser.keySet());
    }

    /** Sends an event to every connection of a user; a failing one is closed by its transport. */
    public void sendTo(long userId, String event, JsonValue payload) {
        Set<Connection> set = byUser.get(userId);
        if (set != null) {
            for (Connection connection : set) {
                connection.emit(event, payload);
            }
        }
    }
}
