package org.nodeim.account;

import jakarta.ejb.EJB;
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
 * cannot be told from silence. Kept by the blocked user, whose every event asks: who blocks
 * its sender is read once and kept (one query for a room of any size); an entry goes when it
 * changes, on every node of a cluster.
 */
@ApplicationScoped
public class Blocks {

    /** What other nodes of a cluster hear when who blocks a user changes. */
    static final String NOTICE = "account.blocks";

    /** Entries kept at most; past that, some are dropped at random. */
    static final int MAX_ENTRIES = 100_000;

    @EJB
    BlockService service;

    @Inject
    ClusterNode cluster;

    /** A user to the users who block them. */
    private final Map<Long, Set<Long>> blockersOf = new ConcurrentHashMap<>();

    /** Whether {@code user} blocks {@code other}. */
    public boolean blocks(long user, long other) {
        return blockersOf(other).contains(user);
    }

    /** The users who block {@code user}: those who hear nothing from them. */
    public Set<Long> blockersOf(long user) {
        Set<Long> cached = blockersOf.get(user);
        if (cached != null) {
            return cached;
        }
        if (blockersOf.size() >= MAX_ENTRIES) {
            blockersOf.keySet().removeIf(key -> ThreadLocalRandom.current().nextInt(4) == 0);
        }
        return blockersOf.computeIfAbsent(user, key -> Set.copyOf(service.blockersOf(key)));
    }

    /** The users {@code user} blocks (read each time: for history, searches and the backlog). */
    public Set<Long> blockedBy(long user) {
        return Set.copyOf(service.blockedBy(user));
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) BlocksChanged changed) {
        blockersOf.remove(changed.blocked());
        cluster.notice(NOTICE, changed.blocked());
    }

    /** Another node changed who blocks this user. */
    void noticed(@Observes ClusterNotice notice) {
        if (notice.is(NOTICE)) {
            blockersOf.remove(notice.id());
        }
    }
}
