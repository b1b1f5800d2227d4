package org.nodeim.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.command.CommandFailure;

/**
 * Refuses guessing: after too many failed signins or recovery answers in a row for one
 * account, or from one address, further attempts are refused with 429, whatever their
 * credentials, until a lock period has passed since the last failure. Kept in memory: each
 * node of a cluster counts its own.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Keys kept at most; past that, expired ones are swept on the next failure. */
    private static final int SWEEP_ABOVE = 100_000;

    @Inject
    @ConfigProperty(name = "nodeim.throttle.account-failures", defaultValue = "10")
    int accountFailures;

    @Inject
    @ConfigProperty(name = "nodeim.throttle.address-failures", defaultValue = "50")
    int addressFailures;

    @Inject
    @ConfigProperty(name = "nodeim.throttle.lock-seconds", defaultValue = "300")
    long lockSeconds;

    Clock clock = Clock.systemUTC();

    /** Failures in a row, the last one at {@code last}; forgotten a lock period after it. */
    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Throws 429 while the account or the address is locked. */
    public void checkAllowed(String account, String address) {
        if (isLocked(accountKey(account), accountFailures) || isLocked(addressKey(address), addressFailures)) {
            throw new CommandFailure(429, "too many failed attempts, try again later");
        }
    }

    public void failed(String account, String address) {
        record(accountKey(account));
        record(addressKey(address));
    }

    /** A successful attempt clears the account's failures (not the address's). */
    public void succeeded(String account) {
        failures.remove(accountKey(account));
    }

    private boolean isLocked(String key, int threshold) {
        Failures current = failures.get(key);
        return current != null && current.count() >= threshold && !expired(current);
    }

    private void record(String key) {
        if (failures.size() > SWEEP_ABOVE) {
            failures.values().removeIf(this::expired);
        }
        Instant now = clock.instant();
        failures.merge(key, new Failures(1, now),
                (old, one) -> expired(old) ? one : new Failures(old.count() + 1, now));
    }

    private boolean expired(Failures entry) {
        return entry.last().plus(Duration.ofSeconds(lockSeconds)).isBefore(clock.instant());
    }

    private static String accountKey(String account) {
        return "account:" + account;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
