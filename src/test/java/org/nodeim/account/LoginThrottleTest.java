package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nodeim.account.LoginThrottle.Realm;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

class LoginThrottleTest {

    private static final String GUESSER = "203.0.113.9";
    private static final String OWNER = "198.51.100.7";

    private final LoginThrottle throttle = new LoginThrottle();
    private final List<SigninThrottled> throttled = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @BeforeEach
    void configure() {
        throttle.accountFailures = 3;
        throttle.addressFailures = 5;
        throttle.lockSeconds = 300;
        throttle.maxDelaySeconds = 4;
        throttle.throttled = new RecordedEvents<>(throttled);
        throttle.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    private void fail(Realm realm, String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(realm, account, address);
        }
    }

    @Test
    void locksTheGuessingAddressForThatAccount() {
        fail(Realm.CHAT, "#7", GUESSER, 3);

        assertThatThrownBy(() -> throttle.checkAllowed(Realm.CHAT, "#7", GUESSER))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY));
        assertThatCode(() -> throttle.checkAllowed(Realm.CHAT, "#8", GUESSER)).doesNotThrowAnyException();
        assertThat(throttled).as("the metrics count each refusal").containsExactly(new SigninThrottled(Realm.CHAT, GUESSER));
    }

    @Test
    void anotherAddressIsSlowedDownNotRefused() {
        fail(Realm.CHAT, "#7", GUESSER, 3);

        assertThatCode(() -> throttle.checkAllowed(Realm.CHAT, "#7", OWNER)).doesNotThrowAnyException();
        assertThat(throttle.delay(Realm.CHAT, "#7")).isEqualTo(LoginThrottle.FIRST_DELAY);
    }

    @Test
    void theDelayDoublesUpToItsBound() {
        fail(Realm.CHAT, "#7", GUESSER, 2);
        assertThat(throttle.delay(Realm.CHAT, "#7")).isZero();

        fail(Realm.CHAT, "#7", GUESSER, 1);
        assertThat(throttle.delay(Realm.CHAT, "#7")).isEqualTo(Duration.ofMillis(500));
        fail(Realm.CHAT, "#7", OWNER, 1);
        assertThat(throttle.delay(Realm.CHAT, "#7")).isEqualTo(Duration.ofSeconds(1));
        fail(Realm.CHAT, "#7", GUESSER, 100);
        assertThat(throttle.delay(Realm.CHAT, "#7")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        fail(Realm.CHAT, "#7", GUESSER, 4);
        fail(Realm.CHAT, "#9", GUESSER, 1);

        throttle.succeeded(Realm.CHAT, "#7", OWNER);

        assertThat(throttle.delay(Realm.CHAT, "#7")).isZero();
        assertThatThrownBy(() -> throttle.checkAllowed(Realm.CHAT, "#1", GUESSER))
                .as("five failures from the address in all").isInstanceOf(Refused.class);
    }

    @Test
    void chatAndConsoleCountApart() {
        fail(Realm.CHAT, "admin", GUESSER, 10);

        assertThatCode(() -> throttle.checkAllowed(Realm.CONSOLE, "admin", GUESSER)).doesNotThrowAnyException();
        assertThat(throttle.delay(Realm.CONSOLE, "admin")).isZero();
    }

    @Test
    void everythingIsForgottenALockPeriodAfterTheLastFailure() {
        fail(Realm.CHAT, "#7", GUESSER, 5);

        now = now.plusSeconds(301);

        assertThatCode(() -> throttle.checkAllowed(Realm.CHAT, "#7", GUESSER)).doesNotThrowAnyException();
        assertThat(throttle.delay(Realm.CHAT, "#7")).isZero();
    }

    /** An {@code Event} outside a container: what is fired goes to a list. */
    private record RecordedEvents<T>(List<T> fired) implements Event<T> {

        @Override
        public void fire(T event) {
            fired.add(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
