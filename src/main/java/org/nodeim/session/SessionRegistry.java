package org.nodeim.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.HashSet;
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
import org.nodeim.cluster.ClusterMessage;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.cluster.UsersLost;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * Every open connection of this server, and the signed-in ones by user: a user may be signed
 * in on several connections (devices) at once. Safe for concurrent use; sending never blocks.
 *
 * <p>In a cluster ({@link ClusterNode}), a user is online while any node holds a connection of
 * theirs: events for a user go to the connections on this node and over the cluster bus to the
 * other nodes that hold some; a user comes online with their first connection in the cluster,
 * and goes offline with the last one, or when the last node holding them dies.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());
    private static final String EMIT = "session.emit";
    private static final String DISCONNECT = "session.disconnect";
    private static final String SIGN_OUT = "session.signout";

    @Inject
    Event<UserWentOffline> wentOffline;

    @Inject
    Event<ConnectionClosed> connectionClosed;

    @Inject
    Event<Relayed> relayed;

    @Inject
    ClusterNode cluster;

    @Inject
    @ConfigProperty(name = "nodeim.presence.max-connections-per-user", defaultValue = "32")
    int maxConnectionsPerUser;

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<Long, Set<Connection>> byUser = new ConcurrentHashMap<>();

    /** A connection opened: known from now on, until it is {@link #closed}. */
    public void opened(Connection connection) {
        connections.put(connection.id(), connection);
        logConnection("opened", "connection {0} opened from {1} ({2})",
                connection.id(), connection.remoteAddress(), connection.transport());
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
        logConnection("closed", "connection {0} closed", connection.id());
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
        logConnection("signIn", "connection {0} signed in as user {1}", connection.id(), Long.toString(userId));
        if (connection.isClosed()) {
            // closed while signing in (a delayed signin): its close may have found nothing to sign out
            connection.unbindUser();
            byUser.computeIfPresent(userId, (id, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
            throw new Refused(Reason.CLOSED, "connection closed");
        }
        if (!first[0]) {
            return false;
        }
        boolean cameOnline = cluster.arrived(userId);
        if (!byUser.containsKey(userId)) {
            // signed out meanwhile, before the cluster heard of the arrival
            cluster.left(userId);
        }
        return cameOnline;
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
        logConnection("signOut", "connection {0} signed out (user {1})", connection.id(), Long.toString(user.getAsLong()));
        boolean[] last = new boolean[1];
        byUser.computeIfPresent(user.getAsLong(), (id, set) -> {
            set.remove(connection);
            last[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        if (!last[0] || !cluster.left(user.getAsLong())) {
            return OptionalLong.empty();
        }
        wentOffline.fire(new UserWentOffline(user.getAsLong()));
        return user;
    }

    /**
     * One line of a connection's life. The source is named here: at four lines per connection, a
     * logger that walked the stack to find it was a tenth of the server's work on token signins.
     */
    private static void logConnection(String method, String pattern, Object... parameters) {
        LOG.logp(Level.INFO, SessionRegistry.class.getName(), method, pattern, parameters);
    }

    /** Users whose last node died: offline. */
    void usersLost(@Observes UsersLost lost) {
        for (long user : lost.userIds()) {
            if (!byUser.containsKey(user)) {
                LOG.log(Level.INFO, "user {0} went offline with their node", Long.toString(user));
                wentOffline.fire(new UserWentOffline(user));
            }
        }
    }

    /** Whether the user is signed in on a connection of this node, or of another node of the cluster. */
    public boolean isOnline(long userId) {
        return byUser.containsKey(userId) || cluster.elsewhere(userId);
    }

    public Set<Connection> connectionsOf(long userId) {
        Set<Connection> set = byUser.get(userId);
        return set == null ? Set.of() : Set.copyOf(set);
    }

    public Collection<Connection> all() {
        return List.copyOf(connections.values());
    }

    /** The users signed in on at least one connection of this node. */
    public Set<Long> usersHere() {
        return Set.copyOf(byUser.keySet());
    }

    /** How many users are signed in on at least one connection of this node. */
    public int signedInUsers() {
        return byUser.size();
    }

    /** The users signed in on this node or on another node of the cluster. */
    public Set<Long> onlineUsers() {
        if (!cluster.isClustered()) {
            return Set.copyOf(byUser.keySet());
        }
        var users = new HashSet<>(cluster.usersElsewhere());
        users.addAll(byUser.keySet());
        return users;
    }

    /**
     * Sends an event to every connection of a user, on this node and the others; a failing
     * one is closed by its transport.
     */
    public void sendTo(long userId, String event, JsonValue payload) {
        emitHere(userId, event, payload);
        if (cluster.isClustered()) {
            relay(userId, EMIT, JsonFactory.objectBuilder().add("event", event).add("payload", payload).build());
        }
    }

    private void emitHere(long userId, String event, JsonValue payload) {
        Set<Connection> set = byUser.get(userId);
        if (set != null) {
            for (Connection connection : set) {
                connection.emit(event, payload);
            }
        }
    }

    /**
     * Ends every connection of a user, on this node and the others: the clients receive a
     * Socket.IO disconnect with the reason.
     *
     * @return how many connections of this node it ended
     */
    public int disconnectEverywhere(long userId, String reason) {
        Set<Connection> here = connectionsOf(userId);
        here.forEach(connection -> connection.disconnect(reason));
        relay(userId, DISCONNECT, JsonFactory.objectBuilder().add("reason", reason).build());
        return here.size();
    }

    /** Signs out every connection of a user, on this node and the others. */
    public void signOutEverywhere(long userId) {
        connectionsOf(userId).forEach(this::signOut);
        relay(userId, SIGN_OUT, JsonValue.EMPTY_JSON_OBJECT);
    }

    /**
     * Sends {@code body} to the other nodes that hold connections of the user: there it is
     * fired as {@link Relayed}, with the user.
     */
    public void relay(long userId, String kind, JsonObject body) {
        Set<String> nodes = cluster.otherNodesOf(userId);
        if (!nodes.isEmpty()) {
            JsonObject message = JsonFactory.objectBuilder().add("kind", kind).add("user", userId).add("body", body).build();
            nodes.forEach(node -> cluster.send(node, message));
        }
    }

    /** Sends {@code body} to every other node: there it is fired as {@link Relayed}, without a user. */
    public void relayToAll(String kind, JsonObject body) {
        if (cluster.isClustered()) {
            cluster.broadcast(JsonFactory.objectBuilder().add("kind", kind).add("body", body).build());
        }
    }

    /** What another node relayed: events, disconnects and sign-outs are carried out here; the rest is fired. */
    void received(@Observes ClusterMessage message) {
        JsonObject body = message.body();
        String kind = body.getString("kind", "");
        JsonObject content = body.getJsonObject("body");
        OptionalLong user = body.containsKey("user") ? OptionalLong.of(body.getJsonNumber("user").longValue())
                : OptionalLong.empty();
        switch (kind) {
            case EMIT -> emitHere(user.orElseThrow(), content.getString("event"), content.get("payload"));
            case DISCONNECT -> connectionsOf(user.orElseThrow())
                    .forEach(connection -> connection.disconnect(content.getString("reason")));
            case SIGN_OUT -> connectionsOf(user.orElseThrow()).forEach(this::signOut);
            default -> relayed.fire(new Relayed(kind, user, content));
        }
    }
}
