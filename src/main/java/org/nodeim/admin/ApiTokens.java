package org.nodeim.admin;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.nodeim.account.ResumeToken;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * The tokens of the REST admin API: made and revoked in the console, checked on every call.
 * Secrets are random (as resume tokens) and stored only as their SHA-256. The last-use time
 * is written at most once a minute per token, so that reading calls do not all write.
 */
@Stateless
public class ApiTokens {

    static final long LAST_USE_PRECISION_MILLIS = Duration.ofMinutes(1).toMillis();

    @PersistenceContext
    EntityManager em;

    /** A new token and its secret, which nothing keeps: shown to the administrator once. */
    public record Created(ApiToken token, String secret) {
    }

    /** @throws Refused 400 a blank or long name; 405 the name is taken */
    public Created create(Administrator by, String name, boolean readOnly) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > ApiToken.MAX_NAME_LENGTH) {
            throw new Refused(Reason.INVALID, "A name of 1 to " + ApiToken.MAX_NAME_LENGTH + " characters is needed.");
        }
        if (!em.createNamedQuery(ApiToken.BY_NAME, ApiToken.class).setParameter("name", trimmed).getResultList().isEmpty()) {
            throw new Refused(Reason.TAKEN, "A token of that name exists: revoke it first, or choose another name.");
        }
        String secret = ResumeToken.generate();
        var token = new ApiToken(trimmed, ResumeToken.hash(secret), readOnly, by.name(), System.currentTimeMillis());
        em.persist(token);
        return new Created(token, secret);
    }

    /** The token of that secret, its use noted; empty for anything else. */
    public Optional<ApiToken> authenticate(String secret) {
        if (!ResumeToken.isWellFormed(secret)) {
            return Optional.empty();
        }
        Optional<ApiToken> token = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
                .setParameter("hash", ResumeToken.hash(secret)).getResultStream().findFirst();
        long now = System.currentTimeMillis();
        token.filter(t -> t.lastUsedAt().map(last -> now - last >= LAST_USE_PRECISION_MILLIS).orElse(true))
                .ifPresent(t -> t.usedAt(now));
        return token;
    }

    public List<ApiToken> all() {
        return em.createNamedQuery(ApiToken.ALL, ApiToken.class).getResultList();
    }

    /** Revokes a token for good; the name it had. */
    public String revoke(long id) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null) {
            throw new Refused(Reason.NOT_FOUND, "No such token.");
        }
        em.remove(token);
        return token.name();
    }
}
