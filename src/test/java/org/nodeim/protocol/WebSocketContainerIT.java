package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.TestServer;

/**
 * What nodeim changes in Payara's WebSocket container by reflection, and fails if a change
 * silently stops working (another Payara, another Tyrus): the idle timers run on the
 * application's own scheduler, frames are written through a small response buffer, an upgraded
 * handshake keeps no scratch buffers for parsing parameters, parameters, header fields or buffers
 * for encoding them, and the WebSocket layer lets go of its copy of the handshake. On WildFly,
 * Undertow keeps its own timers, and the small buffer is had through the servlet API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebSocketContainerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClass(WebSocketContainerProbe.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void idleTimersOfWebSocketSessionsRunOnThePlainScheduler() throws Exception {
        try (var client = ChatClient.connect(base)) {
            assertAnswersASignin(client);
            JSONObject open = probe();
            if (TestServer.isWildFly()) {
                // not Tyrus: the container is left as it is
                assertThat(open.getBoolean("replaced")).isFalse();
                return;
            }
            assertThat(open.getBoolean("replaced")).isTrue();
            assertThat(open.getString("scheduler")).isEqualTo(ScheduledThreadPoolExecutor.class.getName());
            assertThat(open.getLong("timersPending")).as("the idle timer of the open session").isPositive();
        }
    }

    @Test
    void newSessionsStartWithTheIdleTimeoutTheEndpointSets() throws Exception {
        // with the container's default of 0, a brand-new session's first idle timer is due at
        // once and may close it just after the endpoint has set its real timeout
        assertThat(probe().getLong("defaultIdleTimeout")).isEqualTo(2 * (25_000 + 20_000));
    }

    @Test
    void framesAreWrittenThroughASmallResponseBuffer() throws Exception {
        try (var client = ChatClient.connect(base)) {
            assertAnswersASignin(client);
            // Payara's default is 8,192 bytes, and it copies every shorter frame into a new buffer of that size
            assertThat(probe().getInt("writeBufferBytes")).isBetween(1, WebSocketWriteBuffer.SHRUNK_BYTES);
        }
    }

    @Test
    void anUpgradedHandshakeKeepsNoParameterBuffersParametersHeaderFieldsOrEncodingBuffers() throws Exception {
        try (var client = ChatClient.connect(base)) {
            // answered through a connection whose handshake was released
            assertAnswersASignin(client);
            JSONObject probe = probe();
            if (TestServer.isWildFly()) {
                // Undertow's request has no such objects: it is left as it is
                assertThat(probe.getInt("parameterBufferChars")).isEqualTo(-1);
                assertThat(probe.getInt("parameters")).isEqualTo(-1);
                assertThat(probe.getInt("headerFields")).isEqualTo(-1);
                assertThat(probe.getInt("headerEncodingBytes")).isEqualTo(-1);
                return;
            }
            // Grizzly's parser starts with two buffers of 1,024 characters, the servlet API's map
            // holds EIO and transport, the handshake's request and response hold about ten header
            // fields and a buffer of 512 bytes each
            assertThat(probe.getInt("parameterBufferChars")).isZero();
            assertThat(probe.getInt("parameters")).isZero();
            assertThat(probe.getInt("headerFields")).isZero();
            assertThat(probe.getInt("headerEncodingBytes")).isZero();
        }
    }

    @Test
    void theWebSocketLayerLetsGoOfItsCopyOfTheHandshake() throws Exception {
        try (var client = ChatClient.connect(base)) {
            // answered through a connection whose copy was let go
            assertAnswersASignin(client);
            // Tyrus's upgrade handler keeps the copy for the connection's life; Undertow has no such handler
            assertThat(probe().getString("handshakeCopy")).isEqualTo(TestServer.isWildFly() ? "NOT_FOUND" : "RELEASED");
        }
    }

    @Test
    void everyConnectionCarriesCommandsOnceItsHandshakeIsReleased() throws Exception {
        // a second handshake on the same server: the filter and the endpoint work on a known path
        try (var first = ChatClient.connect(base); var second = ChatClient.connect(base)) {
            assertAnswersASignin(first);
            assertAnswersASignin(second);
            assertAnswersASignin(first);
        }
    }

    /** The connection carries commands: a signin of nobody is answered 404. */
    private static void assertAnswersASignin(ChatClient client) {
        assertThat(client.call("signin", json("username", "nobody-" + System.nanoTime(), "password", "x"))
                .optInt("code")).isEqualTo(404);
    }

    private JSONObject probe() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(Loopback.of(base) + "test/websocket-container")).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JSONObject(response.body());
    }
}
