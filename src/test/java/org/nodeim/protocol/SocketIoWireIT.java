package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.uniqueName;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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
import org.nodeim.testing.Loopback;
import org.nodeim.testing.RawSocket;

/**
 * The Engine.IO / Socket.IO wire rules, frame by frame, over a bare WebSocket; and the client
 * scripts the server hands out. Pings are frequent here so that the heartbeat can be watched.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SocketIoWireIT {

    static final long PING_INTERVAL = 1000;
    static final long PING_TIMEOUT = 1000;
    static final int MAX_PAYLOAD = 100_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(
                "nodeim.protocol.ping-interval=" + PING_INTERVAL,
                "nodeim.protocol.ping-timeout=" + PING_TIMEOUT,
                "nodeim.protocol.max-payload=" + MAX_PAYLOAD);
    }

    @ArquillianResource
    URL base;

    @Test
    void openPacketHasExactlyTheExpectedKeys() {
        try (var raw = RawSocket.open(base)) {
            String open = raw.next();
            assertThat(open).startsWith("0");
            var json = Json.createReader(new StringReader(open.substring(1))).readObject();
            assertThat(json.keySet()).containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
            assertThat(json.getString("sid")).isNotBlank();
            assertThat(json.getJsonArray("upgrades")).isEmpty();
            assertThat(json.getJsonNumber("pingInterval").longValue()).isEqualTo(PING_INTERVAL);
            assertThat(json.getJsonNumber("pingTimeout").longValue()).isEqualTo(PING_TIMEOUT);
            assertThat(json.getJsonNumber("maxPayload").longValue()).isEqualTo(MAX_PAYLOAD);
        }
    }

    @Test
    void connectIsAnsweredWithASocketIdDistinctFromTheSessionId() {
        try (var raw = RawSocket.open(base)) {
            String sid = Json.createReader(new StringReader(raw.next().substring(1))).readObject().getString("sid");
            raw.send("40{\"token\":\"abc\"}");
            String reply = raw.next();
            assertThat(reply).startsWith("40{");
            String socketId = Json.createReader(new StringReader(reply.substring(2))).readObject().getString("sid");
            assertThat(socketId).isNotBlank().isNotEqualTo(sid);
        }
    }

    @Test
    void pingsArriveAndAnsweredPingsKeepTheConnection() {
        try (var raw = RawSocket.connected(base)) {
            for (int i = 0; i < 3; i++) {
                assertThat(raw.next(PING_INTERVAL * 3, TimeUnit.MILLISECONDS)).isEqualTo("2");
                raw.send("3");
            }
            assertThat(raw.closed()).isNotDone();
        }
    }

    @Test
    void aLatePongClosesTheConnection() {
        try (var raw = RawSocket.connected(base)) {
            assertThat(raw.next(PING_INTERVAL * 3, TimeUnit.MILLISECONDS)).isEqualTo("2");
            assertThat(raw.closed().orTimeout(PING_TIMEOUT * 5, TimeUnit.MILLISECONDS).join()).isNotNull();
        }
    }

    @Test
    void anotherNamespaceIsRefused() {
        try (var raw = RawSocket.open(base)) {
            raw.next();
            raw.send("40/admin,");
            assertThat(raw.next()).isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
            raw.send("40");
            assertThat(raw.next()).startsWith("40{\"sid\":");
        }
    }

    @Test
    void eventsWithAndWithoutAckId() {
        try (var raw = RawSocket.connected(base)) {
            raw.send("4212[\"no.such.command\",{}]");
            assertThat(raw.next()).startsWith("4312[{\"code\":400");
            raw.send("42[\"no.such.command\",{\"id\":\"a1\",\"data\":{}}]");
            assertThat(raw.next()).startsWith("42[\"rspn\",{\"id\":\"a1\",\"cmd\":\"no.such.command\",\"data\":{\"code\":400");
        }
    }

    @Test
    void aBinaryEventIsRefusedWith400AndTheConnectionStays() {
        try (var raw = RawSocket.connected(base)) {
            raw.send("451-7[\"signup\",{\"avatar\":{\"_placeholder\":true,\"num\":0}}]");
            raw.sendBinary(new byte[] {1, 2, 3});
            assertThat(raw.next()).startsWith("437[{\"code\":400");
            raw.sendBinary(new byte[] {4, 5});
            raw.send("428[\"signout\",{}]");
            assertThat(raw.next()).startsWith("438[{\"code\":403");
        }
    }

    @Test
    void disconnectLeavesTheNamespaceOnly() {
        try (var raw = RawSocket.connected(base)) {
            raw.send("41");
            raw.send("40");
            assertThat(raw.next()).startsWith("40{\"sid\":");
        }
    }

    @Test
    void aMessageOverMaxPayloadClosesTheConnection() {
        try (var raw = RawSocket.connected(base)) {
            raw.trySend("42[\"signup\",{\"username\":\"" + "x".repeat(MAX_PAYLOAD + 10) + "\"}]");
            assertThat(raw.closed().orTimeout(10, TimeUnit.SECONDS).join()).isNotNull();
        }
    }

    @Test
    void aFrameOfTwiceMaxPayloadIsRefusedAsTooBig() {
        try (var raw = RawSocket.connected(base)) {
            raw.trySend("420[\"signin\",{\"username\":\"" + "x".repeat(2 * MAX_PAYLOAD) + "\",\"password\":\"x\"}]");
            assertThat(raw.closed().orTimeout(10, TimeUnit.SECONDS).join()).as("close code").isEqualTo(1009);
        }
    }

    @Test
    void aLongNumberIsAnsweredAndOneTooLongForJsonClosesTheConnectionNotAsAServerError() {
        try (var raw = RawSocket.connected(base)) {
            raw.send("420[\"signin\",{\"id\":" + "1".repeat(1100) + ",\"password\":\"x\"}]");
            assertThat(raw.next()).as("no such user").startsWith("430[{\"code\":404");
            raw.trySend("421[\"log\",{\"page\":" + "1".repeat(5000) + "}]");
            assertThat(raw.closed().orTimeout(10, TimeUnit.SECONDS).join()).as("closed, not as a server error").isNotEqualTo(1011);
        }
    }

    @Test
    void aPingFromTheClientClosesTheConnection() {
        try (var raw = RawSocket.connected(base)) {
            raw.send("2");
            assertThat(raw.closed().orTimeout(10, TimeUnit.SECONDS).join()).isNotNull();
        }
    }

    @Test
    void anUnsupportedProtocolVersionIsRefused() {
        try (var raw = RawSocket.open(base, "EIO=3&transport=websocket")) {
            assertThat(raw.closed().orTimeout(10, TimeUnit.SECONDS).join()).isNotNull();
        }
    }

    @Test
    void aBurstOfGarbageHarmsNobody() {
        String[] garbage = {
            "", "garbage", "9", "4", "42", "42[", "42[\"a\"", "42{}", "42[1]", "42[\"connect\"]", "45-[\"a\"]",
            "4" + "[".repeat(50_000), "0", "44{\"message\":\"x\"}", "49", "4\u0000\u0001", "42[\"x\",\"\\ud800\"]",
            "2probe", "5", "6", "1",
        };
        var sockets = new ArrayList<RawSocket>();
        try (var bystander = ChatClient.connect(base)) {
            for (int round = 0; round < 5; round++) {
                for (String frame : garbage) {
                    var raw = RawSocket.connected(base);
                    sockets.add(raw);
                    raw.trySend(frame, new byte[] {(byte) round, 0, (byte) 0xff});
                }
            }
            for (var raw : sockets) {
                raw.close();
            }
            assertThat(bystander.isConnected()).isTrue();
            String name = uniqueName("after-garbage");
            try (var fresh = ChatClient.connect(base)) {
                fresh.signUp(name, "pw");
                assertThat(fresh.signIn(name, "pw").optInt("code")).isEqualTo(200);
            }
        }
    }

    @Test
    void theSocketIoClientBundleIsServedAsJavaScript() throws Exception {
        var response = get("socket.io/socket.io.js");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().containsAnyOf("javascript", "ecmascript");
        assertThat(response.body()).contains("4.8.4").hasSizeGreaterThan(20_000);
    }

    @Test
    void theNodeimShimIsServedAsJavaScript() throws Exception {
        var response = get("nodeim.js");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().containsAnyOf("javascript", "ecmascript");
        assertThat(response.body()).contains("prototype.command").contains("rspn");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Loopback.of(base).toExternalForm() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
