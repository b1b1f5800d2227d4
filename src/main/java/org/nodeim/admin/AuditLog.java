package org.nodeim.admin;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The audit log of the console: every action and every sign-in attempt, newest first. */
@Stateless
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    /** One page of entries, newest first, and how many there are. */
    public record AuditPage(List<AuditEntry> entries, long total) {
    }

    public void record(Administrator by, String action, String target) {
        em.persist(new AuditEntry(by, action, target));
    }

    /** @param page from 1 */
    public AuditPage latest(int page, int pageSize) {
        List<AuditEntry> entries = em.createNamedQuery(AuditEntry.LATEST, AuditEntry.class)
                .setFirstResult(Math.max(0, page - 1) * pageSize).setMaxResults(pageSize).getResultList();
        return new AuditPage(entries, em.createNamedQuery(AuditEntry.COUNT, Long.class).getSingleResult());
    }
}
