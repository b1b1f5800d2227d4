package org.nodeim.account;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * The password hasher at the configured cost (OWASP's Argon2id minimum by default), and the
 * only threads that run it: as many as cores ({@code nodeim.password.threads}, 0 for the
 * number of cores) behind a bounded queue ({@code nodeim.password.queue}). Work that hashes a
 * secret runs there, so that nothing else (messages, heartbeats, token signins) waits behind
 * hashing; when the queue is full, more of it is refused at once with 429.
 */
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

    @Inject
    @ConfigProperty(name = "nodeim.password.threads", defaultValue = "0")
    int threads;

    @Inject
    @ConfigProperty(name = "nodeim.password.queue", defaultValue = "32")
    int queue;

    @Resource
    ManagedThreadFactory threadFactory;

    private PasswordHasher hasher;
    private ThreadPoolExecutor pool;

    @PostConstruct
    void create() {
        hasher = new PasswordHasher(memoryKib, iterations, parallelism);
        int size = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)),
                threadFactory, new ThreadPoolExecutor.AbortPolicy());
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Produces
    PasswordHasher hasher() {
        return hasher;
    }

    /**
     * Runs work that hashes or verifies a secret on the hashing threads.
     *
     * @throws Refused too many, when as much such work already waits as the queue holds
     */
    public <T> CompletableFuture<T> run(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            throw new Refused(Reason.TOO_MANY, "too many password checks at once, try again");
        }
    }
}
