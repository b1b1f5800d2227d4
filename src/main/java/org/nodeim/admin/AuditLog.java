package org.nodeim.admin;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.nodeim.account.SigninFailed;
import org.nodeim.account.UserDirectory;
import org.nodeim.database.Page;
import org.nodeim.room.RoomModerated;

/**
 * The audit log: every console action and console sign-in attempt, every failed chat signin
 * or recovery answer, and every change by a room's owner or admins, newest first.
 */
@Stateless
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    @Inject
    UserDirectory users;

    /** One page of entries, newest first, and how many there are. */

    public void record(Administrator by, String action, String target) {
        em.persist(new AuditEntry(by, action, target));
    }

    /**
     * A failed chat signin or recovery answer: the account tried is the target. Recorded once
     * the attempt's transaction is over (it rolls back), in a transaction of its own: some servers
     * still see the finished one on the thread at that moment.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void chatSigninFailed(@Observes(during = TransactionPhase.AFTER_COMPLETION) SigninFailed failed) {
        em.persist(new AuditEntry(AuditEntry.CHAT_ACTOR, failed.address(), "chat.signin.failed", failed.account()));
    }

    /**
     * A change by a room's owner or an admin, in its transaction: the actor is the chat user,
     * the target the room and the user acted on.
     */
    public void roomModerated(@Observes RoomModerated change) {
        String actor = AuditEntry.CHAT_ACTOR + " " + username(change.actorId());
        var target = new StringBuilder("room ").append(change.roomId()).append(" (").append(change.roomName()).append(")");
        if (change.userId() != change.actorId()) {
            target.append(", user ").append(change.userId()).append(" (").append(username(change.userId())).append(")");
        }
        change.until().ifPresent(until -> target.append(", until ").append(Instant.ofEpochMilli(until)));
        if (!change.detail().isEmpty()) {
            target.append(": ").append(change.detail());
        }
        em.persist(new AuditEntry(actor, "", change.action(), target.toString()));
    }

    private String username(long user) {
        return users.find(user).map(document -> document.getString("username", "")).orElse("#" + user);
    }

    /** @param page from 1 */
    public Page<AuditEntry> latest(int page, int pageSize) {
        List<AuditEntry> entries = em.createNamedQuery(AuditEntry.LATEST, AuditEntry.class)
                .setFirstResult(Page.firstResult(page, pageSize)).setMaxResults(pageSize).getResultList();
        return new Page<>(entries, Math.max(1, page), pageSize, em.createNamedQuery(AuditEntry.COUNT, Long.class).getSingleResult());
    }
}
