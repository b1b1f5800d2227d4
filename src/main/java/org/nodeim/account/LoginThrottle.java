package org.nodeim.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.session.Relayed;
import org.nodeim.session.SessionRegistry;

/**
 * Refuses guessing without letting a guesser lock the rightful user out.
 *
 * <p>Failed signins and recovery answers are counted per account <em>and address</em>, per
 * address, and per account. Too many in a row for one account from one address, or from one
 * address in all, and that address is refused (429) until a lock period has passed since its
 * last failure. Too many for one account from everywhere only slow that account down: each
 * further attempt waits {@link #delay} first, a delay that doubles with every failure up to a
 * bound, so that the right password from another address still gets in. The chat and the
 * console count apart ({@link Realm}): neither can lock the other. Kept in memory; in a
 * cluster every node tells the others of each failure and success, so that all count the
 * same (a guesser who spreads attempts over nodes at the same instant may get a few more
 * before the count reaches every node, milliseconds later).
 */
@ApplicationScoped
public class LoginThrottle {

    /** Whose signins are counted: the same name in both is two different accounts. */
    public enum Realm {
        CHAT, CONSOLE
    }

    private static final String FAILED = "throttle.failed";
    private static final String SUCCEEDED = "throttle.succeeded";

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

    @Inject
    SessionRegistry registry;

    /** Tells the other nodes of a cluster: a kind and its body (nobody to tell, by default). */
    BiConsumer<String, JsonObject> otherNodes = (kind, body) -> { };

    @PostConstruct
    void tellOtherNodes() {
        otherNodes = registry::relayToAll;
    }

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
        var keys = List.of(accountAtAddress(realm, account, address), address(realm, address), account(realm, account));
        keys.forEach(this::record);
        otherNodes.accept(FAILED, keysBody(keys));
    }

    /** A successful attempt clears the account's failures (not the address's). */
    public void succeeded(Realm realm, String account, String address) {
        var keys = List.of(accountAtAddress(realm, account, address), account(realm, account));
        keys.forEach(failures::remove);
        otherNodes.accept(SUCCEEDED, keysBody(keys));
    }

    /** A failure or a success on another node of the cluster. */
    void onOtherNode(@Observes Relayed relayed) {
        if (relayed.is(FAILED)) {
            keys(relayed.body()).forEach(this::record);
        } else if (relayed.is(SUCCEEDED)) {
            keys(relayed.body()).forEach(failures::remove);
        }
    }

    private static JsonObject keysBody(List<String> keys) {
        var array = JsonFactory.arrayBuilder();
        keys.forEach(array::add);
        return JsonFactory.objectBuilder().add("keys", array).build();
    }

    private static List<String> keys(JsonObject body) {
        return body.getJsonArray("keys").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
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
