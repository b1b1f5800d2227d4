package org.nodeim.cluster;

/**
 * Another node changed something that this node may keep in memory: {@code kind} says what
 * (for instance {@code room.members}), {@code id} which one. Fired on this node's cluster thread.
 */
public record ClusterNotice(String kind, long id) {

    public boolean is(String expected) {
        return kind.equals(expected);
    }
}
