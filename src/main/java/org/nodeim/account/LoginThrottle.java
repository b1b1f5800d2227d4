package org.nodeim.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * Refuses guessing without letting a guesser lock the rightful user out.
 *
 * <p>Failed signins and recovery answers are counted per account <em>and address</em>, per
 * address, and per account. Too many in a row for one account from one address, or from one
 * address in all, and that address is refused (429) until a lock period has passed since its
 * last failure. Too many for one account from everywhere only slow that account down: each
 * further attempt waits {@link #delay} first, a delay that doubles with every failure up to a
 * bound, so that the right password from another address still gets in. The chat and the
 * console count apart ({@link Realm}): neither can lock the other. Kept in memory: each node
 * of a cluster counts its own.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Whose signins are counted: the same name in both is two different accounts. */
    public enum Realm {
        CHAT, CONSOLE
    }

    /** Keys kept at most; past that, expired ones are swept on the next failure. */
    private static final int SWEEP_ABOVE = 100_000;

    /** The first delay of an account that failed too often; each further failure doubles it. */
    static final Duration FIRST_DELAY = Duration.ofMillis(500);

    @Inject
    @ConfigProperty(name = "nodeim.throttle.account-failures", defaultValue = "10")
    int accountFailures;

    @Inject
    @ConfigProperty(name = "nodeim.throttle.address-failures", defaultValue = "50")
    int addressFailures;

    @Inject
    @ConfigProperty(name = "nodeim.throttle.lock-seconds", defaultValue = "300")
    long lockSeconds;

    @Inject
    @ConfigProperty(name = "nodeim.throttle.max-delay-seconds", defaultValue = "10")
    long maxDelaySeconds;

    @Inject
    Event<SigninThrottled> throttled;

    Clock clock = Clock.systemUTC();

    /** Failures in a row, the last one at {@code last}; forgotten a lock period after it. */
    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Throws 429 while this address may not try this account (or any account). */
    public void checkAllowed(Realm realm, String account, String address) {
        if (isLocked(accountAtAddress(realm, account, address), accountFailures)
                || isLocked(address(realm, address), addressFailures)) {
            throttled.fire(new SigninThrottled(realm, address));
            throw new Refused(Reason.TOO_MANY, "too many failed attempts, try again later");
        }
    }

    /**
     * How long the next attempt on this account waits before it is checked: zero until the
     * account has failed {@code account-failures} times in a row from anywhere.
     */
    public Duration delay(Realm realm, String account) {
        Failures current = failures.get(account(realm, account));
        if (current == null || expired(current) || current.count() < accountFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(current.count() - accountFailures, 30);
        Duration grown = FIRST_DELAY.multipliedBy(1L << doublings);
        Duration bound = Duration.ofSeconds(maxDelaySeconds);
        return grown.compareTo(bound) > 0 ? bound : grown;
    }

    public void failed(Realm realm, String account, String address) {
        record(accountAtAddress(realm, account, address));
        record(address(realm, address));
        record(account(realm, account));
    }

    /** A successful attempt clears the account's failures (not the address's). */
    public void succeeded(Realm realm, String account, String address) {
        failures.remove(accountAtAddress(realm, account, address));
        failures.remove(account(realm, account));
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

    private static String account(Realm realm, String account) {
        return realm + " account " + account;
    }

    private static String accountAtAddress(Realm realm, String account, String address) {
        return realm + " address " + address + " account " + account;
    }

    private static String address(Realm realm, String address) {
        return realm + " address " + address;
    }
}
