package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heartbeat and the receipt pings of one session, driven with the time they read, as the sweeps over all sessions drive them. */
class EngineSessionHeartbeatTest {

    private static final long INTERVAL_MILLIS = 1000;
    private static final long TIMEOUT_MILLIS = 500;
    private static final long CONNECT_MILLIS = 5000;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> written = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();
    private final List<String> awaitingReceipts = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final EngineSession session = new EngineSession("127.0.0.1", new RecordingTransport(), settings(), scheduler,
            new EngineSession.Listener() {
                @Override
                public void onClose(EngineSession s, String reason) {
                    closes.add(reason);
                }

                @Override
                public void onAwaitingReceipts(EngineSession s) {
                    awaitingReceipts.add(s.id());
                }
            }, new EngineSession.Receiver() {
                @Override
                public void message(EngineSession s, String data) {
                }

                @Override
                public void binary(EngineSession s, byte[] frame) {
                }
            });

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

    @Test
    void anEventUnacknowledgedForTheDelayGetsAPingWhosePongProvesIt() {
        session.open(false);
        session.receive("40");
        written.clear();
        long delay = millis(100);
        session.deliver("message", "{\"n\":1}", null, () -> received.add("first"));
        session.deliver("message", "{\"n\":2}", null, () -> received.add("second"));
        assertThat(written).containsExactly("421[\"message\",{\"n\":1}]", "422[\"message\",{\"n\":2}]");
        assertThat(awaitingReceipts).as("the sessions told they await receipts").contains(session.id());

        session.acknowledged(2);
        assertThat(received).containsExactly("second");
        assertThat(session.pingForReceipts(System.nanoTime(), delay)).as("still awaiting the first").isTrue();
        assertThat(written).as("the client may still acknowledge").hasSize(2);

        assertThat(session.pingForReceipts(System.nanoTime() + delay, delay)).isTrue();
        assertThat(written).last().isEqualTo("2");
        session.pingForReceipts(System.nanoTime() + 2 * delay, delay);
        assertThat(written).as("one ping at a time").hasSize(3);
        session.receive("3");
        assertThat(received).containsExactly("second", "first");
        assertThat(session.pingForReceipts(System.nanoTime() + 3 * delay, delay)).as("nothing awaits proof").isFalse();
    }

    @Test
    void aClientLeavingTheNamespaceHadWhatWasWrittenButASessionThatFailsProvesNothing() {
        session.open(false);
        session.receive("40");
        session.deliver("message", "{}", null, () -> received.add("read before leaving"));
        session.settleReceipts();
        assertThat(received).containsExactly("read before leaving");

        session.socketConnected(null);
        session.deliver("message", "{}", null, () -> received.add("unproven"));
        session.close("transport error");
        session.acknowledged(2);
        assertThat(received).containsExactly("read before leaving");
        assertThat(session.awaitsReceipts()).isFalse();
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
                if (frame.onWritten() != null) {
                    frame.onWritten().run();
                }
            }
        }

        @Override
        public void close(String reason) {
        }
    }
}
