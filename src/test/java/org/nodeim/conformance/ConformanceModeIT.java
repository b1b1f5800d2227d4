package org.nodeim.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.RawSocket;

/**
 * Conformance mode: the server behaves as the official Socket.IO protocol test suite expects.
 * Its heartbeat is fast (300 ms, 200 ms to answer), so these tests answer pings as they come.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConformanceModeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.protocol.conformance=true");
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void onLoopback() {
        base = Loopback.of(base);
    }

    @Test
    void theHeartbeatIsTheSuites() {
        try (var raw = RawSocket.open(base)) {
            var open = Json.createReader(new StringReader(raw.next().substring(1))).readObject();
            assertThat(open.getInt("pingInterval")).isEqualTo(300);
            assertThat(open.getInt("pingTimeout")).isEqualTo(200);
        }
    }

    @Test
    void eachConnectIsFollowedByTheAuthObjectAndMessagesAreEchoed() {
        try (var raw = RawSocket.open(base)) {
            raw.next();
            raw.send("40{\"token\":\"abc\"}");
            assertThat(next(raw)).startsWith("40{\"sid\":");
            assertThat(next(raw)).isEqualTo("42[\"auth\",{\"token\":\"abc\"}]");

            raw.send("40/custom,");
            assertThat(next(raw)).startsWith("40/custom,{\"sid\":");
            assertThat(next(raw)).isEqualTo("42/custom,[\"auth\",{}]");

            raw.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
            assertThat(next(raw)).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
            raw.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
            assertThat(next(raw)).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
            raw.send("42/custom,[\"message\",\"x\"]");
            assertThat(next(raw)).isEqualTo("42/custom,[\"message-back\",\"x\"]");
        }
    }

    @Test
    void binaryAttachmentsComeBackBase64EncodedOverPolling() throws Exception {
        try (var poller = Poller.start(base, "socket.io/", "40\u001e452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"
                    + "\u001ebAQID\u001ebBAUG")) {
            assertThat(poller.next()).startsWith("40{\"sid\":");
            assertThat(List.of(poller.next(), poller.next(), poller.next(), poller.next())).containsExactly(
                    "42[\"auth\",{}]",
                    "462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                    "bAQID",
                    "bBAUG");
        }
    }

    @Test
    void aBareEngineIoServerEchoesMessagesAtEngineIo() throws Exception {
        try (var raw = RawSocket.open(base, "EIO=4&transport=websocket", "engine.io/")) {
            raw.next();
            raw.send("4hello");
            assertThat(next(raw)).isEqualTo("4hello");
        }
        try (var poller = Poller.start(base, "engine.io/", "4test1\u001ebAQIDBA==")) {
            assertThat(List.of(poller.next(), poller.next())).containsExactly("4test1", "bAQIDBA==");
        }
    }

    /** The next frame that is not a ping; pings are answered. */
    private static String next(RawSocket raw) {
        while (true) {
            String frame = raw.next(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!frame.equals("2")) {
                return frame;
            }
            raw.send("3");
        }
    }

    /**
     * A polling client as the real ones behave: it always has a GET waiting, answers pings, and
     * keeps every other packet, so that the fast heartbeat of conformance mode does not close it.
     */
    private static final class Poller implements AutoCloseable {

        private final HttpClient http = HttpClient.newHttpClient();
        private final BlockingQueue<String> packets = new LinkedBlockingQueue<>();
        private final URI session;
        private volatile boolean closed;

        private Poller(URI session) {
            this.session = session;
        }

        /**
         * Opens a session, starts polling and posts a first batch. The heartbeat of conformance
         * mode leaves 500 ms before the first pong is due: on a busy machine a session can
         * expire before it is used, and then a new one is opened (three attempts at most).
         */
        static Poller start(URL base, String path, String firstBatch) throws Exception {
            URI handshake = URI.create(base.toExternalForm() + path + "?EIO=4&transport=polling");
            var http = HttpClient.newHttpClient();
            for (int attempt = 1; ; attempt++) {
                var open = http.sendAsync(HttpRequest.newBuilder(handshake).build(), HttpResponse.BodyHandlers.ofString())
                        .get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertThat(open.statusCode()).isEqualTo(200);
                String sid = Json.createReader(new StringReader(open.body().substring(1))).readObject().getString("sid");
                var poller = new Poller(URI.create(handshake + "&sid=" + sid));
                poller.poll();
                var posted = poller.send(firstBatch);
                if (posted.statusCode() == 200 || attempt == 3) {
                    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
                    return poller;
                }
                poller.closed = true;
            }
        }

        private void poll() {
            if (closed) {
                return;
            }
            http.sendAsync(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        if (response.statusCode() != 200) {
                            return;
                        }
                        for (String packet : response.body().split("\u001e")) {
                            if (packet.equals("2")) {
                                http.sendAsync(request("3"), HttpResponse.BodyHandlers.discarding());
                            } else {
                                packets.add(packet);
                            }
                        }
                        poll();
                    });
        }

        private HttpResponse<String> send(String body) throws Exception {
            return http.sendAsync(request(body), HttpResponse.BodyHandlers.ofString())
                    .get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        private HttpRequest request(String body) {
            return HttpRequest.newBuilder(session).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        /** The next packet other than a ping. */
        String next() throws InterruptedException {
            String packet = packets.poll(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (packet == null) {
                throw new AssertionError("no packet within " + ChatClient.TIMEOUT_SECONDS + " s");
            }
            return packet;
        }

        @Override
        public void close() {
            closed = true;
            http.sendAsync(request("1"), HttpResponse.BodyHandlers.discarding());
        }
    }
}
