package org.nodeim.cluster;

/** A node left the cluster, as a rule because it died: what it had not relayed yet is lost in transit. */
public record NodeLeft(String node) {
}
