package org.nodeim.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.nodeim.testing.ChatClient.json;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.Multipart;
import org.nodeim.testing.TestServer;
import org.nodeim.testing.Users;

/** nodeim's own figures in the server's metrics (Prometheus text), moving as the chat does. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag(TestServer.PAYARA_ONLY) // WildFly has no MicroProfile Metrics: nodeim writes no figures there
class MetricsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void onLoopback() {
        base = Loopback.of(base);
    }

    private String metrics() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "metrics?scope=application")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of a series: its name, then its labels in the exporter's (alphabetical) order; 0 when absent. */
    private double value(String series) throws Exception {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return 0;
    }

    @Test
    void messagesCommandsConnectionsAndUsersAreCounted() throws Exception {
        double stored = value("nodeim_messages_stored_total{mp_scope=\"application\"}");
        double delivered = value("nodeim_messages_delivered_total{mp_scope=\"application\"}");
        double messageCommands = value("nodeim_command_answers_total{command=\"message\",mp_scope=\"application\"}");
        double messageTime = value("nodeim_command_time_seconds_total{command=\"message\",mp_scope=\"application\"}");
        try (var ann = Users.signedIn(base, "metrics-a"); var bob = Users.signedIn(base, "metrics-b");
             var polling = ChatClient.connect(base, new String[] {"polling"})) {
            assertThat(value("nodeim_connections{mp_scope=\"application\",transport=\"websocket\"}")).isGreaterThanOrEqualTo(2);
            assertThat(value("nodeim_connections{mp_scope=\"application\",transport=\"polling\"}")).isGreaterThanOrEqualTo(1);
            assertThat(value("nodeim_users_signed_in{mp_scope=\"application\"}")).isGreaterThanOrEqualTo(2);

            assertThat(ann.client().call("message", json("to", bob.id(), "message", "hi")).optInt("code")).isEqualTo(200);
            assertThat(bob.client().nextEvent("message").optString("message")).isEqualTo("hi");

            assertThat(value("nodeim_messages_stored_total{mp_scope=\"application\"}")).isGreaterThanOrEqualTo(stored + 1);
            assertThat(value("nodeim_command_answers_total{command=\"message\",mp_scope=\"application\"}"))
                    .isGreaterThanOrEqualTo(messageCommands + 1);
            assertThat(value("nodeim_command_time_seconds_total{command=\"message\",mp_scope=\"application\"}"))
                    .as("the latency of the message commands adds up").isGreaterThan(messageTime);
            assertThat(value("nodeim_journal_batch_size_count{mp_scope=\"application\"}")).isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> value("nodeim_messages_delivered_total{mp_scope=\"application\"}") >= delivered + 1);
        }
    }

    @Test
    void refusedCommandsAndFailedSigninsAreCountedByCode() throws Exception {
        String errors = "nodeim_command_errors_total{code=\"404\",command=\"signin\",mp_scope=\"application\"}";
        double refused = value(errors);
        double failures = value("nodeim_signin_failures_total{mp_scope=\"application\"}");
        try (var client = ChatClient.connect(base)) {
            assertThat(client.call("signin", json("username", ChatClient.uniqueName("nobody"), "password", "x"))
                    .optInt("code")).isEqualTo(404);
        }
        assertThat(value(errors)).isEqualTo(refused + 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> value("nodeim_signin_failures_total{mp_scope=\"application\"}") >= failures + 1);
    }

    @Test
    void throttledSigninsAreCountedByRealm() throws Exception {
        String series = "nodeim_signin_throttled_total{mp_scope=\"application\",realm=\"chat\"}";
        double before = value(series);
        String name = ChatClient.uniqueName("guessed");
        try (var client = ChatClient.connect(base)) {
            int code = 0;
            for (int attempt = 0; attempt < 20 && code != 429; attempt++) {
                code = client.call("signin", json("username", name, "password", "guess-" + attempt)).optInt("code");
            }
            assertThat(code).as("the throttle refuses an account guessed at too often").isEqualTo(429);
        }
        assertThat(value(series)).isEqualTo(before + 1);
    }

    @Test
    void uploadedBytesAreCounted() throws Exception {
        double before = value("nodeim_upload_bytes_total{mp_scope=\"application\"}");
        try (var ann = Users.signedIn(base, "metrics-upload")) {
            String form = ann.client().call("upload", json()).optString("url");
            var posted = Multipart.file("notes.txt", "text/plain", new byte[1234]).postTo(base, form);
            assertThat(posted.statusCode()).isEqualTo(200);
        }
        assertThat(value("nodeim_upload_bytes_total{mp_scope=\"application\"}")).isEqualTo(before + 1234);
    }

    @Test
    void aMadeUpCommandNameIsCountedAsUnknownNotByItsName() throws Exception {
        String name = "made-up-" + System.nanoTime();
        try (var client = ChatClient.connect(base)) {
            assertThat(client.call(name, json()).optInt("code")).isEqualTo(400);
        }
        assertThat(metrics()).doesNotContain(name).contains("command=\"unknown\"");
    }
}
