package org.nodeim.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.assertj.core.api.SoftAssertions;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Console;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.Users;

/**
 * The REST admin API: tokens made and revoked in the console, 401 and 403, path tricks, and
 * provisioning users and rooms the way a directory sync or a script does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.admin.password=" + Console.PASSWORD);
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();

    record Answer(int status, String body, HttpResponse<String> response) {

        JSONObject json() {
            try {
                return new JSONObject(body);
            } catch (org.json.JSONException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }
    }

    private String api(String path) {
        return Loopback.of(base).toExternalForm() + "api/admin/" + path;
    }

    private Answer call(String method, String path, String token, String body) {
        var request = HttpRequest.newBuilder(URI.create(api(path))).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Makes a token on the console's page; its secret, as the page shows it once. */
    private static String makeToken(WebClient browser, URL base, String name, boolean readOnly) throws IOException {
        HtmlPage page = Console.page(browser, Console.url(base, "tokens.xhtml"));
        page.getHtmlElementById("create:name").type(name);
        ((HtmlCheckBoxInput) page.getHtmlElementById("create:readOnly")).setChecked(readOnly);
        HtmlPage made = page.getHtmlElementById("create:make").click();
        String secret = made.getElementById("secret").asNormalizedText();
        assertThat(secret).hasSize(43);
        assertThat(Console.page(browser, Console.url(base, "tokens.xhtml")).asXml()).as("shown once").doesNotContain(secret);
        return secret;
    }

    @Test
    void withoutAValidTokenEveryPathAnswers401() throws IOException {
        Answer plain = call("GET", "figures", null, null);
        assertThat(plain.status()).isEqualTo(401);
        assertThat(plain.response().headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(call("GET", "figures", "not-a-token", null).status()).isEqualTo(401);
        assertThat(call("GET", "figures", "A".repeat(43), null).status()).as("well formed, unknown").isEqualTo(401);
        assertThat(call("POST", "users", null, "{\"username\":\"intruder\",\"password\":\"pw\"}").status()).isEqualTo(401);
        assertThat(call("GET", "no-such-resource", null, null).status()).as("routes not told").isEqualTo(401);

        SoftAssertions.assertSoftly(soft -> {
            for (String path : new String[] {"/api/admin/users", "/api/admin//users", "/api/admin/./users",
                    "/api/admin/users/../figures", "/api/admin/%2e%2e/admin/users", "/api/admin;x=1/users",
                    "/api/admin/users;jsessionid=1", "/api/admin/users/1/..;/2", "/api/x/../admin/users",
                    "/api/admin/%75sers", "/api//admin/users", "/api/admin/users%00", "/api/admin/users?token=x"}) {
                String answer = raw("GET " + path + " HTTP/1.1\r\n");
                int status = Integer.parseInt(answer.substring(9, 12));
                soft.assertThat(status).as("%s → %s", path, answer).isIn(400, 401, 404);
                soft.assertThat(answer).as(path).doesNotContain("\"username\"").doesNotContain("\"users\"");
            }
        });
    }

    @Test
    void aTokenProvisionsUsersAndRoomsAndEveryCallIsAudited() throws IOException {
        try (WebClient browser = Console.signedIn(base); var watcher = Users.signedIn(base, "watcher")) {
            String token = makeToken(browser, base, ChatClient.uniqueName("sync"), false);
            String name = ChatClient.uniqueName("provisioned");

            Answer created = call("POST", "users", token, json("username", name, "password", "first-pw", "dept", "ops").toString());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().optLong("id");
            assertThat(created.response().headers().firstValue("location")).hasValueSatisfying(l -> assertThat(l).endsWith("/users/" + id));
            assertThat(call("POST", "users", token, json("username", name, "password", "x").toString()).status()).isEqualTo(409);
            assertThat(call("POST", "users", token, "[1]").status()).isEqualTo(400);
            assertThat(call("POST", "users", token, "{\"username\":\"no password\"}").status()).isEqualTo(400);
            JSONObject read = call("GET", "users/" + id, token, null).json();
            assertThat(read.optJSONObject("document").optString("dept")).isEqualTo("ops");
            assertThat(read.optBoolean("disabled")).isFalse();
            assertThat(call("GET", "users?q=" + name, token, null).json().optInt("total")).isEqualTo(1);

            try (var client = ChatClient.connect(base)) {
                assertThat(client.signIn(name, "first-pw").optInt("code")).isEqualTo(200);
            }
            assertThat(call("POST", "users/" + id + "/disable", token, null).status()).isEqualTo(204);
            try (var client = ChatClient.connect(base)) {
                assertThat(client.call("signin", json("username", name, "password", "first-pw")).optInt("code")).isEqualTo(403);
            }
            assertThat(call("POST", "users/" + id + "/enable", token, null).status()).isEqualTo(204);
            assertThat(call("PUT", "users/" + id + "/password", token, json("password", "second-pw").toString()).status()).isEqualTo(204);
            try (var client = ChatClient.connect(base)) {
                assertThat(client.call("signin", json("username", name, "password", "first-pw")).optInt("code")).isEqualTo(404);
            }

            Answer room = call("POST", "rooms", token, json("name", "provisioned room", "owner", watcher.id(), "private", true).toString());
            assertThat(room.status()).as(room.body()).isEqualTo(201);
            long roomId = room.json().optLong("id");
            assertThat(room.json().optLong("owner")).isEqualTo(watcher.id());
            assertThat(call("POST", "rooms", token, json("name", "x", "owner", Long.MAX_VALUE - 3).toString()).status()).isEqualTo(404);
            assertThat(call("PUT", "rooms/" + roomId + "/members/" + id, token, json("role", "admin").toString()).status())
                    .as("into a private room, as the server").isEqualTo(204);
            assertThat(watcher.client().nextEvent("room.join").optJSONObject("user").optLong("id")).isEqualTo(id);
            JSONObject members = call("GET", "rooms/" + roomId, token, null).json();
            assertThat(members.optJSONArray("members").toString()).contains("\"role\":\"admin\"").contains("\"role\":\"owner\"");
            assertThat(call("PUT", "rooms/" + roomId + "/members/" + watcher.id(), token, json("role", "member").toString()).status())
                    .as("the owner's role").isEqualTo(403);
            assertThat(call("DELETE", "rooms/" + roomId + "/members/" + id, token, null).status()).isEqualTo(204);
            assertThat(watcher.client().nextEvent("room.kick").optJSONObject("by").optString("username")).isEqualTo("system");

            assertThat(call("POST", "broadcast", token, json("html", "<b>maintenance</b> at noon").toString()).json().optInt("sent"))
                    .isPositive();
            JSONObject notice = watcher.client().nextEvent("message");
            assertThat(notice.optString("type")).isEqualTo("system");
            assertThat(notice.optString("message")).isEqualTo("<b>maintenance</b> at noon");
            JSONObject figures = call("GET", "figures", token, null).json();
            assertThat(figures.optLong("users")).isPositive();
            assertThat(figures.optInt("onlineUsers")).isPositive();

            assertThat(call("DELETE", "rooms/" + roomId, token, null).status()).isEqualTo(204);
            assertThat(call("GET", "rooms/" + roomId, token, null).status()).isEqualTo(404);
            assertThat(call("DELETE", "users/" + id, token, null).status()).isEqualTo(204);
            assertThat(call("GET", "users/" + id, token, null).status()).isEqualTo(404);

            String audit = Console.page(browser, Console.url(base, "audit.xhtml")).getElementById("audit").asNormalizedText();
            assertThat(audit).contains("api.token.create", "user.create", "api.DELETE", "/api/admin/users/" + id + " 204",
                    "room.add", "broadcast");
        }
    }

    @Test
    void aReadOnlyTokenOnlyReadsAndARevokedOneNothing() throws IOException {
        try (WebClient browser = Console.signedIn(base)) {
            String name = ChatClient.uniqueName("reader");
            String token = makeToken(browser, base, name, true);
            assertThat(call("GET", "figures", token, null).status()).isEqualTo(200);
            assertThat(call("POST", "broadcast", token, json("html", "not from a reader").toString()).status()).isEqualTo(403);
            assertThat(call("DELETE", "users/1", token, null).status()).isEqualTo(403);
            long victim;
            try (var client = ChatClient.connect(base)) {
                victim = client.signUp(ChatClient.uniqueName("victim"), "pw");
            }
            SoftAssertions.assertSoftly(soft -> {
                // what a read-only token may not do by the front door, it may not do by a side one either
                for (String request : new String[] {"DELETE /api/admin//users/" + victim, "DELETE /api/admin/./users/" + victim,
                        "DELETE /api/admin/users/" + (victim + 1) + "/../" + victim, "DELETE /api/admin;x=1/users/" + victim,
                        "DELETE /api/admin/%75sers/" + victim, "delete /api/admin/users/" + victim,
                        "POST /api/admin/broadcast?_method=GET"}) {
                    String answer = raw(request + " HTTP/1.1\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n", "{}");
                    soft.assertThat(Integer.parseInt(answer.substring(9, 12))).as("%s → %s", request, answer).isIn(400, 403, 404, 405, 501);
                }
                raw("GET /api/admin/users/" + victim + " HTTP/1.1\r\nAuthorization: Bearer " + token
                        + "\r\nX-HTTP-Method-Override: DELETE\r\n", "");
                soft.assertThat(call("GET", "users/" + victim, token, null).status()).as("still there").isEqualTo(200);
            });

            HtmlPage tokens = Console.page(browser, Console.url(base, "tokens.xhtml"));
            var row = tokens.querySelector("tr[data-token='" + name + "']");
            assertThat(row.asNormalizedText()).contains("read only").doesNotContain("never");
            HtmlPage revoked = ((org.htmlunit.html.HtmlElement) row.querySelector("input.revoke")).click();
            assertThat((Object) revoked.querySelector("tr[data-token='" + name + "']")).isNull();
            assertThat(call("GET", "figures", token, null).status()).isEqualTo(401);
        }
    }

    @Test
    void theFiguresCountEveryMessageAcceptedToday() throws IOException {
        try (WebClient browser = Console.signedIn(base);
             var ann = Users.signedIn(base, "counted");
             var bob = Users.signedIn(base, "counter")) {
            String token = makeToken(browser, base, ChatClient.uniqueName("figures"), true);
            LocalDate day = LocalDate.now();
            long before = call("GET", "figures", token, null).json().optLong("messagesToday", -1);
            for (int i = 0; i < 5; i++) {
                // one at a time: each in a commit of its own, so the minute's count is added to, not only made
                assertThat(ann.client().call("message", json("to", bob.id(), "message", "counted " + i)).optInt("code")).isEqualTo(200);
            }
            bob.client().call("message", json("to", ann.id(), "message", "and back"));
            long after = call("GET", "figures", token, null).json().optLong("messagesToday", -1);
            Assumptions.assumeTrue(day.equals(LocalDate.now()), "the day changed while counting");
            assertThat(after - before).isEqualTo(6);
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var request = HttpRequest.newBuilder(URI.create(Loopback.of(base).toExternalForm().replaceFirst("(https?://[^/]+/).*", "$1") + "openapi"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(15)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("/api/admin/users", "/api/admin/rooms/{id}/members/{user}", "/api/admin/broadcast",
                    "nodeim admin API", "bearer");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A request sent as written, path and all: the answer's head and body. */
    private String raw(String requestLine) {
        return raw(requestLine, "");
    }

    /** A request written by hand: its request line and headers, then the body. */
    private String raw(String requestLineAndHeaders, String body) {
        URL loopback = Loopback.of(base);
        try (var socket = new Socket(loopback.getHost(), loopback.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLineAndHeaders + "Host: " + loopback.getHost() + ":" + loopback.getPort() + "\r\nConnection: close\r\n\r\n"
                    + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
