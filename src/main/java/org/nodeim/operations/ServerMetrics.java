package org.nodeim.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.nodeim.account.LoginThrottle.Realm;
import org.nodeim.account.SigninFailed;
import org.nodeim.account.SigninThrottled;
import org.nodeim.metrics.Meters;
import org.nodeim.metrics.Meters.Counter;
import org.nodeim.metrics.Meters.Name;
import org.nodeim.metrics.Meters.Tag;
import org.nodeim.session.SessionRegistry;

/**
 * The server-wide figures in the metrics: open connections by transport and signed-in users
 * (gauges, read when the metrics are), failed signins and recovery answers, and signins the
 * throttle refused (counters). The features count their own (messages, commands, uploads).
 */
@ApplicationScoped
public class ServerMetrics {

    private static final Name CONNECTIONS = new Name("nodeim.connections", "Open connections, by transport");
    private static final Name SIGNED_IN = new Name("nodeim.users.signed.in", "Users signed in on at least one connection");
    private static final Name SIGNIN_FAILURES = new Name("nodeim.signin.failures",
            "Signins refused for a wrong password or token, and wrong recovery answers");
    private static final Name SIGNINS_THROTTLED = new Name("nodeim.signin.throttled",
            "Signins refused (429) because the account or the address failed too often, by realm");

    @Inject
    Meters metrics;

    @Inject
    SessionRegistry registry;

    private final Map<Realm, Counter> throttled = new EnumMap<>(Realm.class);
    private volatile Counter signinFailures;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (String transport : new String[] {"websocket", "polling"}) {
            metrics.gauge(CONNECTIONS, registry, connections -> count(connections, transport), new Tag("transport", transport));
        }
        metrics.gauge(SIGNED_IN, registry, SessionRegistry::signedInUsers);
        signinFailures = metrics.counter(SIGNIN_FAILURES);
        for (Realm realm : Realm.values()) {
            throttled.put(realm, metrics.counter(SIGNINS_THROTTLED, realmTag(realm)));
        }
    }

    void signinThrottled(@Observes SigninThrottled throttled) {
        this.throttled.get(throttled.realm()).inc();
    }

    private static Tag realmTag(Realm realm) {
        return new Tag("realm", realm.name().toLowerCase(Locale.ROOT));
    }

    void signinFailed(@Observes(during = TransactionPhase.AFTER_COMPLETION) SigninFailed failed) {
        signinFailures.inc();
    }

    private static long count(SessionRegistry registry, String transport) {
        var count = new AtomicLong();
        registry.forEach(connection -> {
            if (transport.equals(connection.transport())) {
                count.incrementAndGet();
            }
        });
        return count.get();
    }
}
