package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nodeim.protocol.Heartbeat.Due;

/** The heartbeat's clockwork alone, with the time passed in. */
class HeartbeatTest {

    private static final long T0 = 1_000_000_000L;
    private final Heartbeat heartbeat = new Heartbeat(1000, 500, 5000);

    private static long at(long millis) {
        return T0 + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void nothingIsDueBeforeTheStart() {
        assertThat(heartbeat.check(at(100_000))).isEqualTo(Due.NOTHING);
        assertThat(heartbeat.pingEarly(at(0))).isFalse();
    }

    @Test
    void aPingEveryIntervalAfterThePongAndATimeoutWithout() {
        heartbeat.start(at(0));
        heartbeat.connected();
        assertThat(heartbeat.check(at(999))).isEqualTo(Due.NOTHING);
        assertThat(heartbeat.check(at(1000))).isEqualTo(Due.PING);
        assertThat(heartbeat.check(at(1100))).as("one ping at a time").isEqualTo(Due.NOTHING);
        assertThat(heartbeat.ponged(at(1200))).isTrue();
        assertThat(heartbeat.ponged(at(1210))).as("a second pong answers nothing").isFalse();
        assertThat(heartbeat.check(at(2199))).isEqualTo(Due.NOTHING);
        assertThat(heartbeat.check(at(2200))).isEqualTo(Due.PING);
        assertThat(heartbeat.check(at(2699))).isEqualTo(Due.NOTHING);
        assertThat(heartbeat.check(at(2700))).isEqualTo(Due.PING_TIMEOUT);
    }

    @Test
    void anEarlyPingOnlyWhenNoneAwaitsItsPong() {
        heartbeat.start(at(0));
        assertThat(heartbeat.pingEarly(at(10))).isTrue();
        assertThat(heartbeat.awaitsPong()).isTrue();
        assertThat(heartbeat.pingEarly(at(20))).isFalse();
        assertThat(heartbeat.check(at(510))).as("its pong is late too").isEqualTo(Due.PING_TIMEOUT);
    }

    @Test
    void theConnectDeadlineHoldsUntilTheClientJoins() {
        heartbeat.start(at(0));
        assertThat(heartbeat.check(at(5000))).isEqualTo(Due.CONNECT_TIMEOUT);
        heartbeat.connected();
        heartbeat.ponged(at(5000));
        assertThat(heartbeat.check(at(5001))).isNotEqualTo(Due.CONNECT_TIMEOUT);
    }

    @Test
    void thePongIsOverdueAnIntervalAndATimeoutAfterTheLastOne() {
        heartbeat.start(at(0));
        assertThat(heartbeat.isPongOverdue(at(1499))).isFalse();
        assertThat(heartbeat.isPongOverdue(at(1500))).isTrue();
        heartbeat.pingEarly(at(100));
        heartbeat.ponged(at(200));
        assertThat(heartbeat.isPongOverdue(at(1500))).isFalse();
        assertThat(heartbeat.isPongOverdue(at(1700))).isTrue();
    }

    @Test
    void theSweepIsLateByATwentiethOfTheShorterPeriodAtMost() {
        // as shipped (25 s, 20 s): a second; the conformance suite's (300 ms, 200 ms): 10 ms, so
        // that three pings after three pongs still come before its one-second CONNECT deadline
        assertThat(EngineSessions.sweepPeriodMillis(25_000, 20_000)).isEqualTo(1000);
        assertThat(EngineSessions.sweepPeriodMillis(300, 200)).isEqualTo(10);
        assertThat(EngineSessions.sweepPeriodMillis(1000, 500)).isEqualTo(25);
        assertThat(EngineSessions.sweepPeriodMillis(50, 50)).isEqualTo(10);
    }
}
