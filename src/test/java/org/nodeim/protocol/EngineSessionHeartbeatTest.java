package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heartbeat of one session, as the sweep over all sessions drives it with the time it reads. */
class EngineSessionHeartbeatTest {

    private static final long INTERVAL_MILLIS = 1000;
    private static final long TIMEOUT_MILLIS = 500;
    private static final long CONNECT_MILLIS = 5000;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> written = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();
    private final EngineSession session = new EngineSession("127.0.0.1", new RecordingTransport(), settings(), scheduler,
            new EngineSession.Listener() {
                @Override
                public void onPacket(EngineSession s, SocketPacket packet) {
                }

                @Override
                public void onClose(EngineSession s, String reason) {
                    closes.add(reason);
                }
            }, false);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aSessionNotYetOpenedIsNeverPingedBeforeItsOpenPacket() {
        session.heartbeat(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        assertThat(written).isEmpty();
        assertThat(closes).isEmpty();

        session.open(false);
        assertThat(written).hasSize(1);
        assertThat(written.get(0)).startsWith("0{\"sid\":");
    }

    @Test
    void aPingIsSentWhenDueAndAMissingPongClosesTheSession() {
        long opened = System.nanoTime();
        session.open(false);
        session.receive("40");
        written.clear();

        session.heartbeat(opened + millis(INTERVAL_MILLIS) / 2);
        assertThat(written).as("not due yet").isEmpty();
        session.heartbeat(opened + millis(INTERVAL_MILLIS + 100));
        assertThat(written).containsExactly("2");
        session.heartbeat(opened + millis(INTERVAL_MILLIS + 200));
        assertThat(written).as("one ping awaits its pong").containsExactly("2");

        session.heartbeat(opened + millis(INTERVAL_MILLIS + 100 + TIMEOUT_MILLIS + 50));
        assertThat(closes).containsExactly("ping timeout");
        assertThat(session.isClosed()).isTrue();
    }

    @Test
    void anAnsweredPingKeepsTheSessionAndTheNextOneFollowsAnInterval() {
        session.open(false);
        session.receive("40");
        written.clear();
        long pinged = System.nanoTime() + millis(INTERVAL_MILLIS + 10);
        session.heartbeat(pinged);
        assertThat(written).containsExactly("2");
        session.receive("3");
        long answered = System.nanoTime();

        session.heartbeat(answered + millis(TIMEOUT_MILLIS + 50));
        assertThat(closes).isEmpty();
        assertThat(written).as("the next ping waits an interval after the pong").containsExactly("2");
        session.heartbeat(answered + millis(INTERVAL_MILLIS + 10));
        assertThat(written).containsExactly("2", "2");
    }

    @Test
    void aClientThatNeverJoinsTheNamespaceIsClosedAtTheConnectTimeout() {
        long opened = System.nanoTime();
        session.open(false);
        session.heartbeat(opened + millis(CONNECT_MILLIS) / 2);
        assertThat(closes).isEmpty();
        session.heartbeat(opened + millis(CONNECT_MILLIS + 10));
        assertThat(closes).containsExactly("connect timeout");
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static ProtocolSettings settings() {
        var settings = new ProtocolSettings();
        settings.pingInterval = INTERVAL_MILLIS;
        settings.pingTimeout = TIMEOUT_MILLIS;
        settings.connectTimeout = CONNECT_MILLIS;
        settings.maxPayload = 100_000;
        settings.outboundQueueLimit = 100;
        settings.outboundQueueBytes = 1_000_000;
        return settings;
    }

    /** Writes every queued frame at once, as text. */
    private final class RecordingTransport implements Transport {

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void flush(EngineSession s) {
            for (EngineSession.Frame frame = s.nextFrame(); frame != null; frame = s.nextFrame()) {
                written.add((String) frame.data());
            }
        }

        @Override
        public void close(String reason) {
        }
    }
}
