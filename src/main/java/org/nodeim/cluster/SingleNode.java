package org.nodeim.cluster;

import java.util.Set;

/** A node alone: there is nobody else to tell, and nobody elsewhere. */
final class SingleNode implements ClusterBus {

    @Override
    public String node() {
        return "single";
    }

    @Override
    public int nodes() {
        return 1;
    }

    @Override
    public boolean isClustered() {
        return false;
    }

    @Override
    public void send(String node, String text) {
        // no other node
    }

    @Override
    public void broadcast(String text) {
        // no other node
    }

    @Override
    public boolean arrived(long user) {
        return true;
    }

    @Override
    public boolean left(long user) {
        return true;
    }

    @Override
    public Set<String> otherNodesOf(long user) {
        return Set.of();
    }

    @Override
    public boolean elsewhere(long user) {
        return false;
    }

    @Override
    public Set<Long> usersElsewhere() {
        return Set.of();
    }

    @Override
    public void close() {
        // nothing joined
    }
}
