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
 * {@code NODEIM_ADMIN_PASSWORD}). A configured password is also stored (as a hash), so that it
 * stays the password once the setting is removed: that is how a lost password is reset. When
 * no password is configured or stored, one is generated at the first start, stored only as a
 * hash, and printed once in the server log, in a block of its own. Chat users are never
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
        AdminAccount stored = em.find(AdminAccount.class, username);
        if (configuredPassword.isPresent()) {
            String password = configuredPassword.get();
            if (stored != null && hasher.verify(password, stored.passwordHash())) {
                passwordHash = stored.passwordHash();
                return;
            }
            passwordHash = hasher.hash(password);
            if (stored == null) {
                em.persist(new AdminAccount(username, passwordHash));
            } else {
                stored.changePasswordHash(passwordHash);
            }
            return;
        }
        if (stored == null) {
            byte[] bytes = new byte[GENERATED_BYTES];
            new SecureRandom().nextBytes(bytes);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            stored = new AdminAccount(username, hasher.hash(generated));
            em.persist(stored);
            LOG.warning(generatedPasswordNotice(username, generated));
        }
        passwordHash = stored.passwordHash();
    }

    /** The log entry that shows a generated password: a block of its own, easy to find in the start log. */
    static String generatedPasswordNotice(String username, String password) {
        String rule = "=".repeat(72);
        return String.join(System.lineSeparator(), "Admin console password generated", rule,
                "  nodeim admin console: /admin/ on this server",
                "  user:     " + username,
                "  password: " + password,
                "  Shown this once: only its hash is stored. To change or reset it, set",
                "  nodeim.admin.password (or NODEIM_ADMIN_PASSWORD) and restart.",
                rule);
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
