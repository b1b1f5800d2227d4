package org.nodeim.operations;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.TestServer;

/**
 * Readiness and liveness at the server's standard paths (on WildFly, its management interface),
 * with nodeim's own checks in them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void onLoopback() {
        base = TestServer.health(base);
    }

    private JsonObject health(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** The check of that name in a health answer. */
    static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> name.equals(check.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    @Test
    void readyWhenTheDatabaseAnswers() throws Exception {
        JsonObject ready = health("health/ready");
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(check(ready, DatabaseReadiness.NAME).getString("status")).isEqualTo("UP");
        assertThat(check(ready, DatabaseReadiness.NAME).getJsonObject("data").getString("schema")).isEqualTo("migrated");
    }

    @Test
    void aliveWhileTheJournalWritesAndTheHeartbeatRuns() throws Exception {
        JsonObject live = health("health/live");
        assertThat(live.getString("status")).isEqualTo("UP");
        JsonObject nodeim = check(live, ServerLiveness.NAME);
        assertThat(nodeim.getString("status")).isEqualTo("UP");
        assertThat(nodeim.getJsonObject("data").getString("message-journal")).isEqualTo("writing");
        assertThat(nodeim.getJsonObject("data").getString("heartbeat")).isEqualTo("running");
    }

    @Test
    void theWholeHealthListsBoth() throws Exception {
        JsonObject health = health("health");
        assertThat(check(health, DatabaseReadiness.NAME).getString("status")).isEqualTo("UP");
        assertThat(check(health, ServerLiveness.NAME).getString("status")).isEqualTo("UP");
    }
}
