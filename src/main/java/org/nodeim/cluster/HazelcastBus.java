package org.nodeim.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import com.hazelcast.topic.ITopic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The cluster bus on a Hazelcast instance (Payara's Data Grid): one topic per node and one for
 * all, and a multimap user → nodes holding their connections. The grid does not sweep the
 * entries of a node that dies: the surviving members do, as soon as the grid tells them that
 * the node left, and the one that removes a user's last entry reports that user.
 *
 * <p>Each node keeps a copy of the multimap, updated by the grid's entry events, so that
 * sending to a user's nodes (every message) asks no other member. The copy may lag by the
 * time an event takes: it can name a node the user has just left (what is sent there finds
 * no connection, and a direct message keeps waiting in the database), or miss the node of a
 * device just signed in while the user had others (their other devices get the message). A
 * user the copy knows nowhere is looked up in the grid itself.
 */
final class HazelcastBus implements ClusterBus {

    private static final Logger LOG = Logger.getLogger(HazelcastBus.class.getName());
    private static final String NODE_TOPIC = "nodeim-node-";
    private static final String ALL_TOPIC = "nodeim-all";
    private static final String USERS = "nodeim-user-nodes";
    private static final String JNDI = "payara/Hazelcast";

    private final HazelcastInstance grid;
    private final String node;
    private final MultiMap<Long, String> users;
    private final ITopic<String> all;
    private final List<Runnable> leaving = new ArrayList<>();
    /** The copy of {@link #users} on this node. */
    private final Map<Long, Set<String>> nodesOfUser = new ConcurrentHashMap<>();

    /** Joins the grid of the server (Payara's, from JNDI). */
    static HazelcastBus join(Receiver receiver) {
        try {
            return new HazelcastBus((HazelcastInstance) new InitialContext().lookup(JNDI), receiver);
        } catch (NamingException e) {
            throw new IllegalStateException("nodeim.cluster=hazelcast needs Payara's Data Grid (" + JNDI
                    + "); start Payara Micro without --nohazelcast", e);
        }
    }

    HazelcastBus(HazelcastInstance grid, Receiver receiver) {
        this.grid = grid;
        this.node = grid.getCluster().getLocalMember().getUuid().toString();
        this.users = grid.getMultiMap(USERS);
        UUID copying = users.addEntryListener(new EntryAdapter<Long, String>() {
            @Override
            public void entryAdded(EntryEvent<Long, String> event) {
                copyAdded(event.getKey(), event.getValue());
            }

            @Override
            public void entryRemoved(EntryEvent<Long, String> event) {
                copyRemoved(event.getKey(), event.getOldValue() != null ? event.getOldValue() : event.getValue());
            }
        }, true);
        leaving.add(() -> users.removeEntryListener(copying));
        users.entrySet().forEach(entry -> copyAdded(entry.getKey(), entry.getValue()));
        this.all = grid.getTopic(ALL_TOPIC);
        ITopic<String> mine = grid.getTopic(NODE_TOPIC + node);
        UUID direct = mine.addMessageListener(message -> receiver.received(message.getMessageObject()));
        leaving.add(() -> mine.removeMessageListener(direct));
        UUID broadcast = all.addMessageListener(message -> {
            if (!message.getPublishingMember().localMember()) {
                receiver.received(message.getMessageObject());
            }
        });
        leaving.add(() -> all.removeMessageListener(broadcast));
        UUID membership = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.log(Level.INFO, "node {0} joined the cluster", event.getMember().getUuid());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String gone = event.getMember().getUuid().toString();
                LOG.log(Level.INFO, "node {0} left the cluster", gone);
                receiver.nodeLeft(gone);
                // every node that stays sweeps: each entry is removed once, by one of them, which
                // reports its user if that was their last node (no wait for the grid to agree on
                // which node is now the oldest, when the oldest is the one that died)
                Set<Long> lost = sweep(gone);
                if (!lost.isEmpty()) {
                    receiver.usersLost(lost);
                }
            }
        });
        leaving.add(() -> grid.getCluster().removeMembershipListener(membership));
        LOG.log(Level.INFO, "node {0} in a cluster of {1}", new Object[] {node, grid.getCluster().getMembers().size()});
    }

    /** Removes a node from every user's nodes; the users who have no node left. */
    private Set<Long> sweep(String gone) {
        var lost = new HashSet<Long>();
        for (Long user : users.keySet()) {
            if (holdingUser(user, () -> users.remove(user, gone) && users.valueCount(user) == 0)) {
                lost.add(user);
            }
        }
        return lost;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public int nodes() {
        return grid.getCluster().getMembers().size();
    }

    @Override
    public boolean isClustered() {
        return true;
    }

    @Override
    public void send(String toNode, String text) {
        grid.<String>getTopic(NODE_TOPIC + toNode).publish(text);
    }

    @Override
    public void broadcast(String text) {
        all.publish(text);
    }

    @Override
    public boolean arrived(long user) {
        copyAdded(user, node);
        return holdingUser(user, () -> {
            users.put(user, node);
            return users.valueCount(user) == 1;
        });
    }

    @Override
    public boolean left(long user) {
        copyRemoved(user, node);
        return holdingUser(user, () -> {
            users.remove(user, node);
            return users.valueCount(user) == 0;
        });
    }

    private void copyAdded(Long user, String holder) {
        if (user != null && holder != null) {
            nodesOfUser.computeIfAbsent(user, id -> ConcurrentHashMap.newKeySet()).add(holder);
        }
    }

    private void copyRemoved(Long user, String holder) {
        if (user != null && holder != null) {
            nodesOfUser.computeIfPresent(user, (id, holders) -> holders.remove(holder) && holders.isEmpty() ? null : holders);
        }
    }

    /** The nodes of a user: from the copy, or from the grid when the copy knows none. */
    private Collection<String> nodesOf(long user) {
        Set<String> known = nodesOfUser.get(user);
        return known != null && !known.isEmpty() ? known : users.get(user);
    }

    /** Runs an action on a user's nodes while no other node changes them. */
    private boolean holdingUser(long user, BooleanSupplier action) {
        users.lock(user);
        try {
            return action.getAsBoolean();
        } finally {
            users.unlock(user);
        }
    }

    @Override
    public Set<String> otherNodesOf(long user) {
        var nodes = new HashSet<>(nodesOf(user));
        nodes.remove(node);
        return nodes;
    }

    @Override
    public boolean elsewhere(long user) {
        for (String holder : nodesOf(user)) {
            if (!holder.equals(node)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Long> usersElsewhere() {
        var found = new HashSet<Long>();
        nodesOfUser.forEach((user, holders) -> {
            if (holders.stream().anyMatch(holder -> !holder.equals(node))) {
                found.add(user);
            }
        });
        return found;
    }

    @Override
    public void close() {
        leaving.forEach(Runnable::run);
        if (grid.getLifecycleService().isRunning()) {
            sweep(node);
        }
    }
}
