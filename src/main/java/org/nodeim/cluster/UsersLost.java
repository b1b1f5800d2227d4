package org.nodeim.cluster;

import java.util.Collection;

/** These users were connected only to nodes that left the cluster (they died): they are offline. */
public record UsersLost(Collection<Long> userIds) {
}
