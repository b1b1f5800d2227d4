package org.nodeim.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.json.JsonFactory;

/**
 * This server as one node of a cluster ({@code nodeim.cluster}): {@code none}, the default, is
 * a node alone; {@code hazelcast} joins Payara's Data Grid (its Hazelcast instance, from JNDI
 * {@code payara/Hazelcast}) and the other nodes of the application in it. What other nodes
 * send is handed over, in the order received, on one thread of this node: as a
 * {@link ClusterMessage}, a {@link ClusterNotice} or {@link UsersLost}.
 */
@ApplicationScoped
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    private static final String NOTICE = "notice";

    @Inject
    @ConfigProperty(name = "nodeim.cluster", defaultValue = "none")
    String mode;

    @Inject
    Event<ClusterMessage> messages;

    @Inject
    Event<ClusterNotice> notices;

    @Inject
    Event<UsersLost> usersLost;

    @Inject
    Event<NodeLeft> nodesLeft;

    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService inbox;
    private ClusterBus bus;

    @PostConstruct
    void join() {
        inbox = Executors.newSingleThreadExecutor(threadFactory);
        // The factory gives a thread the context of the thread that asks for it: asked here, the
        // inbox's thread carries the application's (its naming context resolves @EJB references
        // of the beans it creates); asked later by a grid thread, it would carry none.
        inbox.execute(() -> { });
        bus = switch (mode) {
            case "none" -> new SingleNode();
            case "hazelcast" -> HazelcastBus.join(new ClusterBus.Receiver() {
                @Override
                public void received(String text) {
                    inbox.execute(() -> dispatch(text));
                }

                @Override
                public void usersLost(Collection<Long> users) {
                    inbox.execute(() -> usersLost.fire(new UsersLost(users)));
                }

                @Override
                public void nodeLeft(String node) {
                    inbox.execute(() -> nodesLeft.fire(new NodeLeft(node)));
                }
            });
            default -> throw new IllegalStateException("nodeim.cluster must be none or hazelcast, not " + mode);
        };
    }

    /** Joins at start, not at first use: a node without users still sweeps after a dead one. */
    void joinWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // observing is enough: the bean is created, and joins, to receive the event
    }

    @PreDestroy
    void leave() {
        bus.close();
        inbox.shutdown();
    }

    private void dispatch(String text) {
        try {
            JsonObject body = JsonFactory.readObject(text);
            if (NOTICE.equals(body.getString("k", ""))) {
                notices.fire(new ClusterNotice(body.getString("kind"), body.getJsonNumber("id").longValue()));
            } else {
                messages.fire(new ClusterMessage(body));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a message from another node failed", e);
        }
    }

    /** This node's name in the cluster. */
    public String node() {
        return bus.node();
    }

    public boolean isClustered() {
        return bus.isClustered();
    }

    /** How many nodes the cluster has now, this one included (1 for a node alone). */
    public int nodes() {
        return bus.nodes();
    }

    /** Sends a message to one other node: it receives it as a {@link ClusterMessage}. */
    public void send(String node, JsonObject body) {
        bus.send(node, body.toString());
    }

    /** Sends a message to every other node. */
    public void broadcast(JsonObject body) {
        if (bus.isClustered()) {
            bus.broadcast(body.toString());
        }
    }

    /** Tells every other node that something it may keep in memory changed (a {@link ClusterNotice} there). */
    public void notice(String kind, long id) {
        if (bus.isClustered()) {
            bus.broadcast(JsonFactory.objectBuilder().add("k", NOTICE).add("kind", kind).add("id", id).build().toString());
        }
    }

    /** See {@link ClusterBus#arrived}. */
    public boolean arrived(long user) {
        return bus.arrived(user);
    }

    /** See {@link ClusterBus#left}. */
    public boolean left(long user) {
        return bus.left(user);
    }

    public Set<String> otherNodesOf(long user) {
        return bus.otherNodesOf(user);
    }

    public boolean elsewhere(long user) {
        return bus.elsewhere(user);
    }

    public Set<Long> usersElsewhere() {
        return bus.usersElsewhere();
    }
}
