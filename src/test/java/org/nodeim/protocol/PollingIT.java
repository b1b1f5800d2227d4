package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;
import static org.nodeim.testing.ChatClient.uniqueName;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.Await;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.RawSocket;

/**
 * The HTTP long-polling transport, request by request, the upgrade to WebSocket, cross-origin
 * access, and the Java client with its default transports.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PollingIT {

    static final long PING_INTERVAL = 2000;
    static final long PING_TIMEOUT = 2000;
    static final int MAX_PAYLOAD = 100_000;
    static final String ALLOWED_ORIGIN = "http://chat.example.org";
    static final char SEPARATOR = '\u001e';

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(
                "nodeim.protocol.ping-interval=" + PING_INTERVAL,
                "nodeim.protocol.ping-timeout=" + PING_TIMEOUT,
                "nodeim.protocol.max-payload=" + MAX_PAYLOAD,
                "nodeim.protocol.allowed-origins=" + ALLOWED_ORIGIN + ", http://other.example.org");
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void onLoopback() {
        base = Loopback.of(base);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theHandshakeOpensAPollingSessionThatMayUpgrade() throws Exception {
        var response = get("EIO=4&transport=polling");
        assertThat(response.statusCode()).isEqualTo(200);
        // servers write the parameter with or without a space
        assertThat(response.headers().firstValue("Content-Type").map(type -> type.replace(" ", "")))
                .hasValue("text/plain;charset=UTF-8");
        assertThat(response.body()).startsWith("0");
        JsonObject open = parse(response.body().substring(1));
        assertThat(open.keySet()).containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
        assertThat(open.getJsonArray("upgrades").getString(0)).isEqualTo("websocket");
        assertThat(open.getJsonNumber("maxPayload").intValue()).isEqualTo(MAX_PAYLOAD);
    }

    @Test
    void badRequestsAreRefusedWithTheReferenceErrors() throws Exception {
        assertRefused(get("EIO=4&transport=carrier-pigeon"), 0, "Transport unknown");
        assertRefused(get("EIO=4"), 0, "Transport unknown");
        assertRefused(get("EIO=4&transport=polling&sid=nosuchsession"), 1, "Session ID unknown");
        assertRefused(post("EIO=4&transport=polling&sid=nosuchsession", "3"), 1, "Session ID unknown");
        assertRefused(post("EIO=4&transport=polling", "40"), 2, "Bad handshake method");
        assertRefused(get("EIO=4&transport=websocket"), 3, "Bad request");
        assertRefused(get("EIO=3&transport=polling"), 5, "Unsupported protocol version");
        assertRefused(get("transport=polling"), 5, "Unsupported protocol version");
        String sid = handshake();
        assertRefused(send(request(query(sid)).method("PUT", HttpRequest.BodyPublishers.ofString("3"))), 3, "Bad request");
    }

    @Test
    void packetsArriveInBatchesBothWays() throws Exception {
        String sid = handshake();
        var posted = post(query(sid), "40" + SEPARATOR + "421[\"no.such.command\",{}]" + SEPARATOR + "422[\"no.such.command\",{}]");
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("ok");

        String[] packets = get(query(sid)).body().split(String.valueOf(SEPARATOR));
        assertThat(packets).hasSize(3);
        assertThat(packets[0]).startsWith("40{\"sid\":");
        assertThat(packets[1]).startsWith("431[{\"code\":400");
        assertThat(packets[2]).startsWith("432[{\"code\":400");
    }

    @Test
    void aPollIsHeldUntilThereIsSomethingToSend() throws Exception {
        String sid = handshake();
        CompletableFuture<HttpResponse<String>> poll = getAsync(query(sid));
        assertThat(post(query(sid), "40").body()).isEqualTo("ok");
        assertThat(Await.value(poll).body()).startsWith("40{\"sid\":");
    }

    @Test
    void aSecondPollAtATimeIsRefusedAndClosesTheSession() throws Exception {
        String sid = handshake();
        CompletableFuture<HttpResponse<String>> first = getAsync(query(sid));
        CompletableFuture<HttpResponse<String>> second = getAsync(query(sid));
        var answers = List.of(Await.value(first), Await.value(second));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 400);
        // the held poll gets the close, or the ping that was already due when a busy machine
        // let the second poll in late; either way the session is closed (below)
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).extracting(HttpResponse::body).singleElement()
                .isIn("1", "2");
        assertThat(get(query(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void aPostOverMaxPayloadIsRefusedWith413AndClosesTheSession() throws Exception {
        String sid = handshake();
        var response = post(query(sid), "42[\"signup\",{\"username\":\"" + "x".repeat(MAX_PAYLOAD) + "\"}]");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(get(query(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void aPacketThatBreaksTheRulesIsRefusedAndClosesTheSession() throws Exception {
        String sid = handshake();
        assertRefused(post(query(sid), "4abc"), 3, "Bad request");
        assertThat(get(query(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void aLongNumberIsAnsweredAndOneTooLongForJsonIsABadRequestNeverA500() throws Exception {
        String sid = handshake();
        assertThat(post(query(sid), "40").statusCode()).isEqualTo(200);
        assertThat(get(query(sid)).body()).startsWith("40");
        String digits1100 = "1".repeat(1100);
        assertThat(post(query(sid), "420[\"signin\",{\"id\":" + digits1100 + ",\"password\":\"x\"}]").statusCode()).isEqualTo(200);
        assertThat(get(query(sid)).body()).as("no such user").startsWith("430[{\"code\":404");

        assertRefused(post(query(sid), "421[\"log\",{\"page\":" + "1".repeat(5000) + "}]"), 3, "Bad request");
        assertThat(get(query(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void pingsArriveOverPollingAndAnsweredPingsKeepTheSession() throws Exception {
        String sid = handshake();
        for (int i = 0; i < 2; i++) {
            var ping = getAsync(query(sid)).orTimeout(PING_INTERVAL * 3, TimeUnit.MILLISECONDS);
            assertThat(Await.value(ping).body()).isEqualTo("2");
            assertThat(post(query(sid), "3").body()).isEqualTo("ok");
        }
    }

    @Test
    void aMissingPongClosesTheSessionAndTheHeldPollSaysSo() throws Exception {
        String sid = handshake();
        assertThat(Await.value(getAsync(query(sid))).body()).isEqualTo("2");
        var held = getAsync(query(sid)).orTimeout(PING_TIMEOUT * 5, TimeUnit.MILLISECONDS);
        assertThat(Await.value(held).body()).isEqualTo("1");
        assertThat(get(query(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void aClosePacketEndsThePendingPollWithANoop() throws Exception {
        String sid = handshake();
        CompletableFuture<HttpResponse<String>> poll = getAsync(query(sid));
        assertThat(post(query(sid), "1").statusCode()).isEqualTo(200);
        var answer = Await.value(poll);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("6");
        assertThat(get(query(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void aBinaryEventOverPollingIsAnswered400AndTheSessionStays() throws Exception {
        String sid = handshake();
        post(query(sid), "40");
        get(query(sid));
        post(query(sid), "451-7[\"signup\",{\"avatar\":{\"_placeholder\":true,\"num\":0}}]" + SEPARATOR + "bAQID");
        assertThat(get(query(sid)).body()).startsWith("437[{\"code\":400");
        post(query(sid), "428[\"signout\",{}]");
        assertThat(get(query(sid)).body()).startsWith("438[{\"code\":403");
    }

    @Test
    void theUpgradeProbesPausesPollingAndSwitchesWithoutLosingAPacket() throws Exception {
        String sid = handshake();
        post(query(sid), "40");
        assertThat(get(query(sid)).body()).startsWith("40{\"sid\":");
        try (var socket = RawSocket.open(base, "EIO=4&transport=websocket&sid=" + sid)) {
            CompletableFuture<HttpResponse<String>> held = getAsync(query(sid));
            socket.send("2probe");
            assertThat(socket.next()).isEqualTo("3probe");
            assertThat(Await.value(held).body()).isEqualTo("6");

            post(query(sid), "421[\"no.such.command\",{}]");
            socket.send("5");
            assertThat(socket.next()).startsWith("431[{\"code\":400");
            socket.send("422[\"no.such.command\",{}]");
            assertThat(socket.next()).startsWith("432[{\"code\":400");

            assertRefused(get(query(sid)), 3, "Bad request");
            assertRefused(post(query(sid), "423[\"no.such.command\",{}]"), 3, "Bad request");
            try (var second = RawSocket.open(base, "EIO=4&transport=websocket&sid=" + sid)) {
                assertThat(second.closed().orTimeout(10, TimeUnit.SECONDS).join()).isNotNull();
            }
            socket.send("424[\"no.such.command\",{}]");
            assertThat(socket.next()).startsWith("434[{\"code\":400");
        }
    }

    @Test
    void aWebSocketForAnUnknownSessionIsClosed() {
        try (var socket = RawSocket.open(base, "EIO=4&transport=websocket&sid=nosuchsession")) {
            assertThat(socket.closed().orTimeout(10, TimeUnit.SECONDS).join()).isNotNull();
        }
    }

    @Test
    void theJavaClientWithDefaultTransportsConnectsUpgradesAndSignsIn() throws Exception {
        String name = uniqueName("polling");
        var upgraded = new CompletableFuture<String>();
        var options = IO.Options.builder().setReconnection(false).setForceNew(true).build();
        assertThat(options.transports).isNull();
        Socket socket = IO.socket(URI.create(base.toExternalForm()), options);
        watchUpgrade(socket, upgraded);
        var replies = new LinkedBlockingQueue<JSONObject>();
        socket.on("rspn", args -> replies.add((JSONObject) args[0]));
        var connected = new CompletableFuture<Void>();
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        try {
            socket.connect();
            Await.value(connected);

            int calls = 200;
            for (int i = 1; i <= calls; i++) {
                socket.emit("find", json("id", i, "data", json("username", name)));
            }
            var ids = new ArrayList<Integer>();
            for (int i = 1; i <= calls; i++) {
                JSONObject reply = replies.poll(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertThat(reply).as("reply %d of %d", i, calls).isNotNull();
                ids.add(reply.getInt("id"));
            }
            assertThat(ids).as("every reply once, in order").isEqualTo(java.util.stream.IntStream.rangeClosed(1, calls).boxed().toList());
            assertThat(Await.value(upgraded)).isEqualTo(WebSocket.NAME);

            var signup = new CompletableFuture<JSONObject>();
            socket.emit("signup", new Object[] {json("username", name, "password", "pw")}, args -> signup.complete((JSONObject) args[0]));
            assertThat(Await.value(signup).getInt("code")).isEqualTo(200);
            var signin = new CompletableFuture<JSONObject>();
            socket.emit("signin", new Object[] {json("username", name, "password", "pw")}, args -> signin.complete((JSONObject) args[0]));
            assertThat(Await.value(signin).getJSONObject("doc").getString("username")).isEqualTo(name);
            assertThat(replies).isEmpty();
        } finally {
            socket.close();
        }
    }

    /**
     * Each answer is queued while the client's next poll arrives, so that the poll is held and
     * answered from another thread about when the servlet returns: no answer may be lost there.
     * Two clients, as the Java client's HTTP stack holds at most five requests to one host.
     */
    @Test
    void everyAnswerReachesAClientThatPollsWhileItIsQueued() throws Exception {
        int clients = 2;
        int calls = 400;
        var pool = Executors.newFixedThreadPool(clients);
        try {
            var runs = new ArrayList<Future<Integer>>();
            for (int c = 0; c < clients; c++) {
                runs.add(pool.submit(() -> {
                    try (var client = ChatClient.connect(base, new String[] {Polling.NAME})) {
                        int answered = 0;
                        for (int i = 0; i < calls; i++) {
                            if (client.call("find", json("username", "nobody-" + i)).has("code")) {
                                answered++;
                            }
                        }
                        return answered;
                    }
                }));
            }
            for (var run : runs) {
                assertThat(run.get(2, TimeUnit.MINUTES)).isEqualTo(calls);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theJavaClientWorksOverPollingAlone() {
        String name = uniqueName("polling-only");
        try (var client = ChatClient.connect(base, new String[] {Polling.NAME})) {
            client.signUp(name, "pw");
            assertThat(client.signIn(name, "pw").getJSONObject("doc").optString("username")).isEqualTo(name);
            assertThat(client.command("signout", null).getJSONObject("data").optInt("code")).isEqualTo(200);
        } catch (org.json.JSONException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theBareEngineIoServerOfConformanceModeIsNotServed() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "engine.io/?EIO=4&transport=polling")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        try (var socket = RawSocket.open(base, "EIO=4&transport=websocket", "engine.io/")) {
            assertThat(socket.closed().orTimeout(10, TimeUnit.SECONDS).join()).isNotNull();
        }
    }

    @Test
    void theClientBundleBelowTheTransportIsStillAStaticFile() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "socket.io/socket.io.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("4.8.4");
    }

    @Test
    void aPageFromAnotherOriginIsRefusedUnlessItsOriginIsAllowed() throws Exception {
        var refused = send(request("EIO=4&transport=polling").header("Origin", "http://evil.example.com").GET());
        assertRefused(refused, 4, "Forbidden", 403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        var allowed = send(request("EIO=4&transport=polling").header("Origin", ALLOWED_ORIGIN).GET());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");

        var preflight = send(request("EIO=4&transport=polling").header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).get().asString().contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");

        String sameOrigin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        assertThat(send(request("EIO=4&transport=polling").header("Origin", sameOrigin).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aWebSocketFromAnotherOriginIsRefusedUnlessItsOriginIsAllowed() {
        URI uri = URI.create(base.toExternalForm().replaceFirst("^http", "ws") + "socket.io/?EIO=4&transport=websocket");
        var refused = http.newWebSocketBuilder().header("Origin", "http://evil.example.com")
                .buildAsync(uri, new java.net.http.WebSocket.Listener() { });
        assertThat(refused).failsWithin(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(WebSocketHandshakeException.class);

        var allowed = http.newWebSocketBuilder().header("Origin", ALLOWED_ORIGIN)
                .buildAsync(uri, new java.net.http.WebSocket.Listener() { });
        Await.value(allowed).abort();
    }

    /** Completes with the name of the transport the client's engine upgrades to. */
    private static void watchUpgrade(Socket socket, CompletableFuture<String> upgraded) {
        socket.io().on(Manager.EVENT_OPEN, args -> {
            try {
                var field = Manager.class.getDeclaredField("engine");
                field.setAccessible(true);
                var engine = (io.socket.engineio.client.Socket) field.get(socket.io());
                engine.on(io.socket.engineio.client.Socket.EVENT_UPGRADE,
                        up -> upgraded.complete(((io.socket.engineio.client.Transport) up[0]).name));
            } catch (ReflectiveOperationException e) {
                upgraded.completeExceptionally(e);
            }
        });
    }

    private String handshake() throws Exception {
        var response = get("EIO=4&transport=polling");
        assertThat(response.statusCode()).isEqualTo(200);
        return parse(response.body().substring(1)).getString("sid");
    }

    private static String query(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    private HttpRequest.Builder request(String query) {
        return HttpRequest.newBuilder(URI.create(base.toExternalForm() + "socket.io/?" + query));
    }

    private HttpResponse<String> get(String query) throws Exception {
        return send(request(query).GET());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String query) {
        return http.sendAsync(request(query).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        return send(request(query).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try {
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (CompletionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private static void assertRefused(HttpResponse<String> response, int code, String message) {
        assertRefused(response, code, message, 400);
    }

    private static void assertRefused(HttpResponse<String> response, int code, String message, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonObject body = parse(response.body());
        assertThat(body.getInt("code")).isEqualTo(code);
        assertThat(body.getString("message")).isEqualTo(message);
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
