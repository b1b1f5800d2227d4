package org.nodeim.cluster;

import jakarta.json.JsonObject;

/** A message another node sent to this one; fired, in the order received, on this node's cluster thread. */
public record ClusterMessage(JsonObject body) {
}
