package org.nodeim.admin;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.account.PasswordHasher;

/**
 * The console administrator's credentials: the name from {@code nodeim.admin.username}, the
 * password from {@code nodeim.admin.password} (or the environment variable
 * {@code NODEIM_ADMIN_PASSWORD}). When no password is configured, one is generated at the first
 * start, stored only as a hash, and printed once in the server log. Chat users are never
 * administrators: their accounts are not consulted.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AdminCredentials {

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class.getName());
    private static final int GENERATED_BYTES = 18;

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    @ConfigProperty(name = "nodeim.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "nodeim.admin.password")
    Optional<String> configuredPassword;

    private volatile String passwordHash;

    @PostConstruct
    void load() {
        if (configuredPassword.isPresent()) {
            passwordHash = hasher.hash(configuredPassword.get());
            return;
        }
        AdminAccount stored = em.find(AdminAccount.class, username);
        if (stored == null) {
            byte[] bytes = new byte[GENERATED_BYTES];
            new SecureRandom().nextBytes(bytes);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            stored = new AdminAccount(username, hasher.hash(generated));
            em.persist(stored);
            LOG.warning("Admin console: no nodeim.admin.password configured; generated the password of '"
                    + username + "': " + generated + " (shown this once, only its hash is stored)");
        }
        passwordHash = stored.passwordHash();
    }

    public String username() {
        return username;
    }

    /** Whether these are the administrator's name and password; the hash is verified whatever the name. */
    public boolean matches(String name, String password) {
        boolean valid = hasher.verify(password, passwordHash);
        return valid && username.equals(name);
    }
}
