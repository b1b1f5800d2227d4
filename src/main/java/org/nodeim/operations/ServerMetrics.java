package org.nodeim.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.nodeim.account.LoginThrottle.Realm;
import org.nodeim.account.SigninFailed;
import org.nodeim.account.SigninThrottled;
import org.nodeim.session.SessionRegistry;

/**
 * The server-wide figures in the metrics: open connections by transport and signed-in users
 * (gauges, read when the metrics are), failed signins and recovery answers, and signins the
 * throttle refused (counters). The features count their own (messages, commands, uploads).
 */
@ApplicationScoped
public class ServerMetrics {

    private static final Metadata CONNECTIONS = Metadata.builder().withName("nodeim.connections")
            .withDescription("Open connections, by transport").build();
    private static final Metadata SIGNED_IN = Metadata.builder().withName("nodeim.users.signed.in")
            .withDescription("Users signed in on at least one connection").build();
    private static final Metadata SIGNIN_FAILURES = Metadata.builder().withName("nodeim.signin.failures")
            .withDescription("Signins refused for a wrong password or token, and wrong recovery answers").build();
    private static final Metadata SIGNINS_THROTTLED = Metadata.builder().withName("nodeim.signin.throttled")
            .withDescription("Signins refused (429) because the account or the address failed too often, by realm").build();

    @Inject
    MetricRegistry metrics;

    @Inject
    SessionRegistry registry;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (String transport : new String[] {"websocket", "polling"}) {
            metrics.gauge(CONNECTIONS, registry, connections -> count(connections, transport), new Tag("transport", transport));
        }
        metrics.gauge(SIGNED_IN, registry, SessionRegistry::signedInUsers);
        metrics.counter(SIGNIN_FAILURES);
        for (Realm realm : Realm.values()) {
            metrics.counter(SIGNINS_THROTTLED, realmTag(realm));
        }
    }

    void signinThrottled(@Observes SigninThrottled throttled) {
        metrics.counter(new MetricID(SIGNINS_THROTTLED.getName(), realmTag(throttled.realm()))).inc();
    }

    private static Tag realmTag(Realm realm) {
        return new Tag("realm", realm.name().toLowerCase(Locale.ROOT));
    }

    void signinFailed(@Observes(during = TransactionPhase.AFTER_COMPLETION) SigninFailed failed) {
        metrics.counter(new MetricID(SIGNIN_FAILURES.getName())).inc();
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
