package org.nodeim.account;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** Blocking and unblocking, stored; {@link Blocks} keeps who blocks whom in memory. */
@Stateless
public class BlockService {

    /** The most users one user may block. */
    static final int MAX_BLOCKED = 1_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    UserDirectory users;

    @Inject
    Event<BlocksChanged> changed;

    /**
     * {@code blocker} blocks {@code blocked} (again: nothing changes).
     *
     * @throws Refused 404 unknown user, or oneself; 400 over {@value #MAX_BLOCKED} blocked users
     */
    public void block(long blocker, long blocked) {
        if (blocker == blocked || !users.exists(blocked)) {
            throw new Refused(Reason.NOT_FOUND, "unknown user");
        }
        List<Long> already = blockedBy(blocker);
        if (already.contains(blocked)) {
            return;
        }
        if (already.size() >= MAX_BLOCKED) {
            throw new Refused(Reason.INVALID, "at most " + MAX_BLOCKED + " blocked users");
        }
        em.persist(new Block(blocker, blocked));
        changed.fire(new BlocksChanged(blocked));
    }

    /** {@code blocker} no longer blocks {@code blocked} (also when they did not). */
    public void unblock(long blocker, long blocked) {
        int removed = em.createNamedQuery(Block.DELETE_PAIR).setParameter("blocker", blocker)
                .setParameter("blocked", blocked).executeUpdate();
        if (removed > 0) {
            changed.fire(new BlocksChanged(blocked));
        }
    }

    /** The users this one blocks, in the order they were blocked. */
    public List<Long> blockedBy(long blocker) {
        return em.createNamedQuery(Block.BLOCKED_BY, Long.class).setParameter("blocker", blocker).getResultList();
    }

    /** The users who block this one. */
    public List<Long> blockersOf(long blocked) {
        return em.createNamedQuery(Block.BLOCKERS_OF, Long.class).setParameter("blocked", blocked).getResultList();
    }

    /** A deleted user blocks nobody and is blocked by nobody. */
    public void forget(@Observes UserDeleted deleted) {
        em.createNamedQuery(Block.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
        changed.fire(new BlocksChanged(deleted.userId()));
    }
}
