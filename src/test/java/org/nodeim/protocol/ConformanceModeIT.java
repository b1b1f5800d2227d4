package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
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
        var http = HttpClient.newHttpClient();
        String open = send(http, HttpRequest.newBuilder(uri("")).GET());
        String sid = Json.createReader(new StringReader(open.substring(1))).readObject().getString("sid");
        send(http, HttpRequest.newBuilder(uri(sid)).POST(HttpRequest.BodyPublishers.ofString(
                "40\u001e452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"
                        + "\u001ebAQID\u001ebBAUG")));
        var packets = new java.util.ArrayList<String>();
        while (packets.size() < 5) {
            List<String> batch = Arrays.asList(send(http, HttpRequest.newBuilder(uri(sid)).GET()).split("\u001e"));
            if (batch.contains("2")) {
                send(http, HttpRequest.newBuilder(uri(sid)).POST(HttpRequest.BodyPublishers.ofString("3")));
            }
            batch.stream().filter(packet -> !packet.equals("2")).forEach(packets::add);
        }
        assertThat(packets.get(0)).startsWith("40{\"sid\":");
        assertThat(packets.subList(1, 5)).containsExactly(
                "42[\"auth\",{}]",
                "462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                "bAQID",
                "bBAUG");
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

    private URI uri(String sid) {
        return URI.create(base.toExternalForm() + "socket.io/?EIO=4&transport=polling" + (sid.isEmpty() ? "" : "&sid=" + sid));
    }

    private static String send(HttpClient http, HttpRequest.Builder request) throws Exception {
        var response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
