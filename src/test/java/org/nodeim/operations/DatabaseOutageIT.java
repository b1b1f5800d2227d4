package org.nodeim.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.nodeim.testing.ChatClient.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.PayaraMicroProcess;
import org.nodeim.testing.TestServer;

/**
 * Readiness follows the database: a server on a PostgreSQL of its own (started by this test from
 * the machine's server binaries, as the postgresql profile does) answers ready, then not ready
 * while that database is stopped, and ready again, serving commands, once it is back. Liveness
 * stays up all along: restarting the server would not bring the database back. A command that
 * fails meanwhile answers 500, keeps its connection, and leaves one line in the log.
 */
@Tag(TestServer.PAYARA_ONLY) // it starts a Payara Micro process of its own beside a PostgreSQL it stops
class DatabaseOutageIT {

    private static final String POSTGRESQL_SCRIPT = "src/test/postgresql/postgres.sh";
    private static final String PASSWORD = "outage-password";

    private final HttpClient http = HttpClient.newHttpClient();
    private PayaraMicroProcess server;
    private Path database;

    @AfterEach
    void stopAll() throws Exception {
        if (server != null) {
            server.kill();
        }
        if (database != null) {
            postgreSql("stop", database);
        }
    }

    @Test
    void notReadyWhileTheDatabaseIsDownAndReadyAgainOnceItIsBack() throws Exception {
        assumeTrue(!System.getProperty("nodeim.it.postgresql.port", "").isEmpty(),
                "uses the PostgreSQL server binaries, as the postgresql profile does: run with -Ppostgresql");
        database = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outage-postgresql-");
        int port = PayaraMicroProcess.freePort();
        postgreSql("start", database, Integer.toString(port));
        server = PayaraMicroProcess.startOnPostgreSql("outage", port, "nodeim");

        assertThat(health("health/ready").statusCode()).isEqualTo(200);
        try (var ann = ChatClient.connect(server.base())) {
            String annName = ChatClient.uniqueName("outage-ann");
            long annId = ann.signUp(annName, PASSWORD);
            ann.signIn(annName, PASSWORD);

            postgreSql("stop", database);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> health("health/ready").statusCode() == 503);
            HttpResponse<String> ready = health("health/ready");
            assertThat(status(ready)).isEqualTo("DOWN");
            assertThat(HealthIT.check(body(ready), DatabaseReadiness.NAME).getString("status")).isEqualTo("DOWN");
            assertThat(ready.body()).as("the reason goes to the log only").doesNotContain("Exception", "Connection");
            HttpResponse<String> live = health("health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(status(live)).isEqualTo("UP");

            String secret = "outage-secret-" + System.nanoTime();
            var refused = ann.call("profile", json("doc", json("nickname", secret)));
            assertThat(refused.optInt("code")).as("a command that needs the database while it is away").isEqualTo(500);
            assertThat(refused.optString("message")).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("sql");
            String log = Files.readString(Path.of("target", "payara-outage.log"));
            assertThat(Pattern.compile("command profile of connection \\S+ \\(user " + annId + "\\) failed").matcher(log).find())
                    .as("one line for the error, with the connection and the user").isTrue();
            assertThat(log).as("and nothing the user sent").doesNotContain(secret);
            assertThat(ann.isConnected()).as("the connection stays up").isTrue();

            postgreSql("resume", database, Integer.toString(port));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> health("health/ready").statusCode() == 200);
            assertThat(status(health("health/ready"))).isEqualTo("UP");
            ann.signUp(ChatClient.uniqueName("outage-cid"), PASSWORD);
        }
    }

    private HttpResponse<String> health(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.base().toExternalForm() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject body(HttpResponse<String> health) {
        return Json.createReader(new StringReader(health.body())).readObject();
    }

    private static String status(HttpResponse<String> health) {
        return body(health).getString("status");
    }

    private static void postgreSql(String action, Path directory, String... more) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(POSTGRESQL_SCRIPT).toAbsolutePath().toString(), action,
                directory.toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("postgres.sh %s ends", action).isTrue();
        assertThat(process.exitValue()).as("postgres.sh %s", action).isZero();
    }
}
