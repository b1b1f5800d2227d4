package org.nodeim.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The password hasher at the configured cost (OWASP's Argon2id minimum by default). */
@ApplicationScoped
public class PasswordHashing {

    @Inject
    @ConfigProperty(name = "nodeim.password.memory-kib", defaultValue = "19456")
    int memoryKib;

    @Inject
    @ConfigProperty(name = "nodeim.password.iterations", defaultValue = "2")
    int iterations;

    @Inject
    @ConfigProperty(name = "nodeim.password.parallelism", defaultValue = "1")
    int parallelism;

    private PasswordHasher hasher;

    @Produces
    PasswordHasher hasher() {
        if (hasher == null) {
            hasher = new PasswordHasher(memoryKib, iterations, parallelism);
        }
        return hasher;
    }
}
