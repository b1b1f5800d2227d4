package org.nodeim.admin;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.nodeim.account.SigninFailed;
import org.nodeim.database.Page;

/**
 * The audit log: every console action and console sign-in attempt, and every failed chat
 * signin or recovery answer, newest first.
 */
@Stateless
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    /** One page of entries, newest first, and how many there are. */

    public void record(Administrator by, String action, String target) {
        em.persist(new AuditEntry(by, action, target));
    }

    /**
     * A failed chat signin or recovery answer: the account tried is the target. Recorded once
     * the attempt's transaction is over (it rolls back).
     */
    public void chatSigninFailed(@Observes(during = TransactionPhase.AFTER_COMPLETION) SigninFailed failed) {
        em.persist(new AuditEntry(AuditEntry.CHAT_ACTOR, failed.address(), "chat.signin.failed", failed.account()));
    }

    /** @param page from 1 */
    public Page<AuditEntry> latest(int page, int pageSize) {
        List<AuditEntry> entries = em.createNamedQuery(AuditEntry.LATEST, AuditEntry.class)
                .setFirstResult(Page.firstResult(page, pageSize)).setMaxResults(pageSize).getResultList();
        return new Page<>(entries, Math.max(1, page), pageSize, em.createNamedQuery(AuditEntry.COUNT, Long.class).getSingleResult());
    }
}
