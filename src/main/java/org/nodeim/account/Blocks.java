package org.nodeim.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.cluster.ClusterNotice;

/**
 * Who blocks whom, as the features that deliver ask it: a blocked user's direct messages,
 * friend requests, typing notices, room messages and presence never reach the user who blocked
 * them, and the blocked user's answers are those of an offline recipient, so that blocking
 * cannot be told from silence. Read once per blocker and kept; an entry goes when its blocks
 * change (on every node of a cluster).
 */
@ApplicationScoped
public class Blocks {

    /** What other nodes of a cluster hear when a user's blocks change. */
    static final String NOTICE = "account.blocks";

    /** Entries kept at most; past that, some are dropped at random. */
    static final int MAX_ENTRIES = 100_000;

    @Inject
    BlockService service;

    @Inject
    ClusterNode cluster;

    private final Map<Long, Set<Long>> blockedBy = new ConcurrentHashMap<>();

    /** Whether {@code user} blocks {@code other}. */
    public boolean blocks(long user, long other) {
        return blockedBy(user).contains(other);
    }

    /** The users that {@code user} blocks. */
    public Set<Long> blockedBy(long user) {
        Set<Long> cached = blockedBy.get(user);
        if (cached != null) {
            return cached;
        }
        if (blockedBy.size() >= MAX_ENTRIES) {
            blockedBy.keySet().removeIf(key -> ThreadLocalRandom.current().nextInt(4) == 0);
        }
        return blockedBy.computeIfAbsent(user, key -> Set.copyOf(service.blockedBy(key)));
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) BlocksChanged changed) {
        blockedBy.remove(changed.blocker());
        cluster.notice(NOTICE, changed.blocker());
    }

    /** Another node changed whom this user blocks. */
    void noticed(@Observes ClusterNotice notice) {
        if (notice.is(NOTICE)) {
            blockedBy.remove(notice.id());
        }
    }
}
