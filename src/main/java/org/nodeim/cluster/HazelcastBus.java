package org.nodeim.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import com.hazelcast.topic.ITopic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The cluster bus on a Hazelcast instance (Payara's Data Grid): one topic per node and one for
 * all, and a multimap user → nodes holding their connections. The grid does not sweep the
 * entries of a node that dies: its oldest surviving member does, as soon as the grid tells
 * that the node left, and reports the users left with no node.
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
                if (isOldest()) {
                    Set<Long> lost = sweep(gone);
                    if (!lost.isEmpty()) {
                        receiver.usersLost(lost);
                    }
                }
            }
        });
        leaving.add(() -> grid.getCluster().removeMembershipListener(membership));
        LOG.log(Level.INFO, "node {0} in a cluster of {1}", new Object[] {node, grid.getCluster().getMembers().size()});
    }

    private boolean isOldest() {
        Set<Member> members = grid.getCluster().getMembers();
        return !members.isEmpty() && members.iterator().next().localMember();
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
        return holdingUser(user, () -> {
            users.put(user, node);
            return users.valueCount(user) == 1;
        });
    }

    @Override
    public boolean left(long user) {
        return holdingUser(user, () -> {
            users.remove(user, node);
            return users.valueCount(user) == 0;
        });
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
        var nodes = new HashSet<>(users.get(user));
        nodes.remove(node);
        return nodes;
    }

    @Override
    public boolean elsewhere(long user) {
        for (String holder : users.get(user)) {
            if (!holder.equals(node)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Long> usersElsewhere() {
        var found = new HashSet<Long>();
        for (var entry : users.entrySet()) {
            if (!entry.getValue().equals(node)) {
                found.add(entry.getKey());
            }
        }
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
