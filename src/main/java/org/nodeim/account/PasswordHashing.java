package org.nodeim.account;

import jakarta.annotation.PostConstruct;
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

    @PostConstruct
    void create() {
        hasher = new PasswordHasher(memoryKib, iterations, parallelism);
    }

    @Produces
    PasswordHasher hasher() {
        return hasher;
    }
}
