package org.nodeim.cluster;

import java.util.Collection;
import java.util.Set;

/**
 * What a node shares with the other nodes of its cluster: which node holds connections of which
 * users, and messages (JSON text) to one node or to all the others. Sending never blocks and
 * is at most once: what must survive a node is in the database.
 */
interface ClusterBus {

    /** What the bus hands over to its node, on threads of its own. */
    interface Receiver {

        /** A message another node sent to this one (or to all). */
        void received(String text);

        /** These users had connections only on nodes that left the cluster: they are offline now. */
        void usersLost(Collection<Long> users);

        /** A node left the cluster (told to every node that stays). */
        void nodeLeft(String node);
    }

    /** This node's name, unique in the cluster. */
    String node();

    boolean isClustered();

    /** How many nodes the cluster has now, this one included. */
    int nodes();

    /** Sends a message to one other node. */
    void send(String node, String text);

    /** Sends a message to every other node. */
    void broadcast(String text);

    /**
     * The user has connections on this node now (and had none before).
     *
     * @return whether no node had any before: the user came online
     */
    boolean arrived(long user);

    /**
     * The user has no connection left on this node.
     *
     * @return whether no node has any now: the user went offline
     */
    boolean left(long user);

    /** The other nodes that hold connections of the user. */
    Set<String> otherNodesOf(long user);

    /** Whether another node holds connections of the user. */
    boolean elsewhere(long user);

    /** The users with connections on other nodes. */
    Set<Long> usersElsewhere();

    /** Leaves the cluster: forgets this node's users and stops receiving. */
    void close();
}
