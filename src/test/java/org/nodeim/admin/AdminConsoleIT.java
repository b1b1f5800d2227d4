package org.nodeim.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.Await;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Console;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Multipart;
import org.nodeim.testing.Users;

/** Every page of the console and every action, in HtmlUnit, observed by real Socket.IO clients. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.admin.password=" + Console.PASSWORD);
    }

    @ArquillianResource
    URL base;

    @Test
    void aConsolePageAsksForTheLoginFirst() {
        try (WebClient browser = Console.browser()) {
            HtmlPage login = Console.page(browser, Console.url(base, "audit.xhtml"));
            assertThat(Console.isConsole(login)).isFalse();
            assertThat(login.getElementById("login:password")).isNotNull();

            HtmlPage dashboard = Console.submitLogin(login, Console.USERNAME, Console.PASSWORD);
            assertThat(Console.isConsole(dashboard)).isTrue();
            HtmlPage audit = Console.page(browser, Console.url(base, "audit.xhtml"));
            assertThat(audit.getElementById("audit").asNormalizedText()).contains("signin");

            HtmlPage afterSignOut = click(audit, "signout:button");
            assertThat(Console.isConsole(afterSignOut)).isFalse();
            assertThat(Console.isConsole(Console.page(browser, Console.url(base, "")))).as("signed out").isFalse();
        }
    }

    @Test
    void aWrongPasswordOrAChatUserIsRefused() {
        var name = ChatClient.uniqueName("chatter");
        try (var client = ChatClient.connect(base); WebClient browser = Console.browser()) {
            client.signUp(name, "chat-password");
            HtmlPage page = Console.page(browser, Console.url(base, ""));
            page = Console.submitLogin(page, Console.USERNAME, "wrong");
            assertThat(Console.isConsole(page)).isFalse();
            assertThat(page.getElementById("messages").asNormalizedText()).contains("Wrong username or password");
            page = Console.submitLogin(page, name, "chat-password");
            assertThat(Console.isConsole(page)).as("a chat user is no administrator").isFalse();
            page = Console.submitLogin(page, Console.USERNAME, "chat-password");
            assertThat(Console.isConsole(page)).isFalse();
        }
    }

    @Test
    void theDashboardCountsAndChartsMessages() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             WebClient browser = Console.signedIn(base)) {
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "hello")).optInt("code")).isEqualTo(200);
            bob.client().nextEvent("message");
            HtmlPage dashboard = Console.page(browser, Console.url(base, ""));
            assertThat(number(dashboard, "stat-users")).isGreaterThanOrEqualTo(2);
            assertThat(number(dashboard, "stat-online")).isGreaterThanOrEqualTo(2);
            assertThat(number(dashboard, "stat-connections")).isGreaterThanOrEqualTo(2);
            assertThat(number(dashboard, "stat-messages-today")).isGreaterThanOrEqualTo(1);
            assertThat(number(dashboard, "stat-rooms")).isGreaterThanOrEqualTo(0);
            List<DomNode> bars = dashboard.querySelectorAll("#chart rect.bar");
            assertThat(bars).hasSize(60);
            long charted = bars.stream().mapToLong(bar -> Long.parseLong(((DomElement) bar).getAttribute("data-count"))).sum();
            assertThat(charted).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void usersAreSearchedAndPaged() {
        String prefix = ChatClient.uniqueName("Paged");
        try (var client = ChatClient.connect(base); WebClient browser = Console.signedIn(base)) {
            for (int i = 0; i < 23; i++) {
                client.signUp(prefix + "-" + i, "pw");
            }
            HtmlPage first = Console.page(browser, Console.url(base, "users.xhtml?q=" + prefix.toLowerCase()));
            assertThat(first.getElementById("user-count").asNormalizedText()).startsWith("23 user(s) · page 1 of 2");
            assertThat(first.querySelectorAll("#users tbody tr")).hasSize(20);
            HtmlPage second = click(first, "next");
            assertThat(second.querySelectorAll("#users tbody tr")).hasSize(3);
            assertThat(second.getElementById("users").asNormalizedText()).contains(prefix + "-22");
            assertThat(Console.page(browser, Console.url(base, "users.xhtml?q=%25")).getElementById("user-count")
                    .asNormalizedText()).as("wildcards are plain characters").startsWith("0 user(s)");
        }
    }

    @Test
    void aUserPageShowsProfileRoomsAndFriends() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             WebClient browser = Console.signedIn(base)) {
            Users.befriend(ann, bob);
            ann.client().call("profile", json("doc", json("city", "Lyon")));
            ann.client().call("room.create", json("name", "ann's corner"));
            HtmlPage page = userPage(browser, ann.id());
            assertThat(page.getElementById("friend-count").asNormalizedText()).isEqualTo("1");
            assertThat(page.getElementById("user-rooms").asNormalizedText()).contains("ann's corner");
            assertThat(page.getElementById("profile").asNormalizedText()).contains("\"city\": \"Lyon\"")
                    .contains(ann.name());
            assertThat(page.getElementById("user-connections").querySelectorAll("tbody tr")).hasSize(1);
        }
    }

    @Test
    void disablingDisconnectsAndBlocksSigninUntilEnabled() {
        var user = Users.signedIn(base, "disabled");
        try (user; WebClient browser = Console.signedIn(base)) {
            String token = tokenOf(user);
            HtmlPage page = click(userPage(browser, user.id()), "actions:disable");
            assertThat(page.getElementById("user-status").asNormalizedText()).isEqualTo("disabled");
            Await.value(user.client().disconnected());

            try (var again = ChatClient.connect(base)) {
                JSONObject refused = again.call("signin", json("username", user.name(), "password", "pw"));
                assertThat(refused.optInt("code")).isEqualTo(403);
                assertThat(refused.optString("message")).isEqualTo("account disabled");
                assertThat(again.call("signin", json("username", user.name(), "password", "bad")).optInt("code"))
                        .as("a wrong password tells nothing more").isEqualTo(404);
            }
            page = click(userPage(browser, user.id()), "actions:enable");
            assertThat(page.getElementById("user-status").asNormalizedText()).isEqualTo("active");
            try (var again = ChatClient.connect(base)) {
                assertThat(again.call("signin", json("token", token)).optInt("code"))
                        .as("disabling revoked the tokens for good").isEqualTo(404);
                again.signIn(user.name(), "pw");
            }
        }
    }

    @Test
    void anAdministratorSetsANewPassword() throws IOException {
        var user = Users.signedIn(base, "forgetful");
        try (user; WebClient browser = Console.signedIn(base)) {
            String token = tokenOf(user);
            HtmlPage page = userPage(browser, user.id());
            page.getHtmlElementById("password:new").type("fresh-start");
            page = click(page, "password:set");
            assertThat(page.getElementById("messages").asNormalizedText()).contains("Password changed");
            try (var again = ChatClient.connect(base)) {
                assertThat(again.call("signin", json("username", user.name(), "password", "pw")).optInt("code")).isEqualTo(404);
                assertThat(again.call("signin", json("token", token)).optInt("code")).isEqualTo(404);
                again.signIn(user.name(), "fresh-start");
            }
        }
    }

    @Test
    void aUserPageListsDevicesAndRevokesTheirTokens() {
        var user = Users.signedIn(base, "devices");
        try (user; WebClient browser = Console.signedIn(base)) {
            String older = tokenOf(user);
            String newer = tokenOf(user);
            HtmlPage page = userPage(browser, user.id());
            List<DomNode> rows = page.querySelectorAll("#user-devices tbody tr");
            assertThat(rows).as("the signin of the user, then two more devices").hasSize(3);

            page = clickIn(rows.get(0), "input[type=submit]");
            assertThat(page.getElementById("messages").asNormalizedText()).contains("Device signed out");
            assertThat(page.querySelectorAll("#user-devices tbody tr")).hasSize(2);
            assertThat(signInWith(newer)).as("the most recent device was revoked").isEqualTo(404);
            assertThat(signInWith(older)).isEqualTo(200);

            page = click(page, "devices:revoke-all");
            assertThat(page.querySelectorAll("#user-devices tbody tr")).isEmpty();
            assertThat(signInWith(older)).isEqualTo(404);
        }
    }

    @Test
    void aUserPageListsFilesAndDeletesOne() {
        try (var user = Users.signedIn(base, "files"); WebClient browser = Console.signedIn(base)) {
            String kept = upload(user, "kept.txt");
            String deleted = upload(user, "deleted.txt");
            HtmlPage page = userPage(browser, user.id());
            List<DomNode> rows = page.querySelectorAll("#user-files tbody tr");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).asNormalizedText()).as("the newest first").contains("deleted.txt");

            page = clickIn(rows.get(0), "input[type=submit]");
            assertThat(page.getElementById("messages").asNormalizedText()).contains("File deleted");
            assertThat(page.querySelectorAll("#user-files tbody tr")).hasSize(1);
            assertThat(statusOf(deleted)).isEqualTo(404);
            assertThat(statusOf(kept)).isEqualTo(200);
            assertThat(Console.page(browser, Console.url(base, "audit.xhtml")).getElementById("audit").asNormalizedText())
                    .contains("user.file.delete").contains("user #" + user.id());
        }
    }

    /** The status of a plain GET of a path of the server. */
    private int statusOf(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve(path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Uploads a small text file for the user; its URL. */
    private String upload(Users.User user, String name) {
        String form = user.client().call("upload", new JSONObject()).optString("url");
        var posted = Multipart.file(name, "text/plain", name.getBytes(StandardCharsets.UTF_8)).postTo(base, form);
        assertThat(posted.statusCode()).isEqualTo(200);
        return user.client().nextEvent("upload").optString("url");
    }

    @Test
    void deletingAUserAsksFirstThenRemovesTheirData() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob"); var cat = Users.signedIn(base, "cat");
             WebClient browser = Console.signedIn(base)) {
            Users.befriend(ann, bob);
            assertThat(cat.client().call("subscribe", json("to", ann.id())).optInt("code")).isEqualTo(200);
            long room = bob.client().call("room.create", json("name", "shared")).optJSONObject("room").optLong("id");
            assertThat(ann.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "bye")).optInt("code")).isEqualTo(200);
            String file = upload(ann, "mine.txt");

            HtmlPage confirm = click(userPage(browser, ann.id()), "actions:delete");
            assertThat(confirm.getElementById("confirm").asNormalizedText()).contains("Delete " + ann.name());
            assertThat(click(confirm, "confirm:no").getElementById("confirm")).isNull();
            try (var stillThere = ChatClient.connect(base)) {
                stillThere.signIn(ann.name(), "pw");
            }

            HtmlPage users = click(click(userPage(browser, ann.id()), "actions:delete"), "confirm:yes");
            assertThat(users.getElementById("messages").asNormalizedText()).contains(ann.name()).contains("deleted");
            Await.value(ann.client().disconnected());
            try (var gone = ChatClient.connect(base)) {
                assertThat(gone.call("signin", json("username", ann.name(), "password", "pw")).optInt("code")).isEqualTo(404);
            }
            assertThat(bob.client().call("friends", new JSONObject()).optJSONArray("list").length()).isZero();
            assertThat(bob.client().call("log", json("from", ann.id())).optInt("lastPage")).isZero();
            JSONObject members = bob.client().call("room.list", json("id", room));
            assertThat(members.optJSONArray("onlines").length() + members.optJSONArray("offlines").length()).isEqualTo(1);
            assertThat(cat.client().call("subscribe", json("to", ann.id())).optInt("code")).isEqualTo(404);
            assertThat(statusOf(file)).as("their files go too").isEqualTo(404);
            assertThat(userPage(browser, ann.id()).getElementById("not-found")).isNotNull();
        }
    }

    @Test
    void theSessionsPageKicksOneConnectionOrAllOfAUsers() {
        var user = Users.signedIn(base, "kicked");
        try (user; var second = user.anotherDevice(base); var third = user.anotherDevice(base);
             WebClient browser = Console.signedIn(base)) {
            HtmlPage sessions = Console.page(browser, Console.url(base, "sessions.xhtml"));
            List<DomNode> rows = sessions.querySelectorAll("tr[data-user='" + user.id() + "']");
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).asNormalizedText()).contains(user.name()).contains("127.0.0.1").contains("websocket");

            HtmlPage after = clickIn(rows.get(0), "input[value='Kick']");
            assertThat(after.getElementById("messages").asNormalizedText()).contains("closed");
            awaitOneOf(user.client(), second, third);

            HtmlPage fresh = Console.page(browser, Console.url(base, "sessions.xhtml"));
            DomNode remaining = fresh.querySelector("tr[data-user='" + user.id() + "']");
            clickIn(remaining, "input[value='Kick all of user']");
            Await.value(CompletableFuture.allOf(user.client().disconnected(),
                    second.disconnected(), third.disconnected()));
        }
    }

    @Test
    void theConsoleModeratesARoomAndEveryChangeIsAudited() {
        try (var bob = Users.signedIn(base, "bob"); var cat = Users.signedIn(base, "cat"); var dan = Users.signedIn(base, "dan");
             WebClient browser = Console.signedIn(base)) {
            long room = bob.client().call("room.create", json("name", ChatClient.uniqueName("moderated")))
                    .optJSONObject("room").optLong("id");
            assertThat(cat.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            assertThat(bob.client().call("room.mute", json("id", room, "user", cat.id())).optInt("code")).isEqualTo(200);
            assertThat(bob.client().call("room.invite", json("id", room, "user", dan.id())).optInt("code")).isEqualTo(200);
            assertThat(bob.client().call("room.update", json("id", room, "topic", "audited")).optInt("code")).isEqualTo(200);
            assertThat(bob.client().call("room.ban", json("id", room, "user", dan.id(), "seconds", 3600)).optInt("code"))
                    .isEqualTo(200);
            String roomPage = "rooms.xhtml?room=" + room;

            HtmlPage page = Console.page(browser, Console.url(base, roomPage));
            assertThat(page.getElementById("room-summary").asNormalizedText()).contains("Owner: " + bob.name());
            DomNode catRow = page.querySelector("#members tr[data-user='" + cat.id() + "']");
            assertThat(catRow.querySelector(".role").asNormalizedText()).isEqualTo("member");
            assertThat(catRow.querySelector(".muted").asNormalizedText()).isEqualTo("no end");
            assertThat((DomNode) page.querySelector("#bans tr[data-user='" + dan.id() + "']")).isNotNull();

            page = clickIn(catRow, "input.unmute");
            assertThat(cat.client().nextEvent("room.unmute").optJSONObject("by").optString("username")).isEqualTo("system");
            assertThat(cat.client().call("room.message", json("id", room, "message", "unmuted")).optInt("code")).isEqualTo(200);

            page = clickIn(page.querySelector("#members tr[data-user='" + cat.id() + "']"), "input.make-owner");
            JSONObject role = bob.client().nextEvent("room.role");
            assertThat(role.optJSONObject("user").optLong("id")).isEqualTo(cat.id());
            assertThat(role.optString("role")).isEqualTo("owner");
            assertThat(page.getElementById("room-summary").asNormalizedText()).contains("Owner: " + cat.name());
            assertThat(page.querySelector("#members tr[data-user='" + bob.id() + "'] .role").asNormalizedText()).isEqualTo("admin");

            page = clickIn(page.querySelector("#bans tr[data-user='" + dan.id() + "']"), "input.unban");
            assertThat(dan.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            page = clickIn(Console.page(browser, Console.url(base, roomPage)).querySelector("#members tr[data-user='" + dan.id() + "']"),
                    "input.kick");
            assertThat(dan.client().nextEvent("room.kick").optJSONObject("user").optLong("id")).isEqualTo(dan.id());
            assertThat((DomNode) page.querySelector("#members tr[data-user='" + dan.id() + "']")).isNull();

            String audit = Console.page(browser, Console.url(base, "audit.xhtml")).getElementById("audit").asNormalizedText();
            assertThat(audit).contains("room.mute", "room.invite", "room.update", "room.ban", bob.name(), "room.unmute", "room.role",
                    "room.unban", "room.kick");
        }
    }

    @Test
    void deletingARoomTellsItsMembers() {
        try (var bob = Users.signedIn(base, "bob"); var cat = Users.signedIn(base, "cat");
             WebClient browser = Console.signedIn(base)) {
            String name = ChatClient.uniqueName("doomed <room>");
            long room = bob.client().call("room.create", json("name", name)).optJSONObject("room").optLong("id");
            assertThat(cat.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);

            HtmlPage page = Console.page(browser, Console.url(base, "rooms.xhtml?room=" + room));
            assertThat(page.getElementById("members").querySelectorAll("tbody tr")).hasSize(2);
            HtmlPage last = Console.page(browser, Console.url(base, "rooms.xhtml?room=" + room + "&page="
                    + page.getElementById("room-count").asNormalizedText().replaceAll(".* of (\\d+)$", "$1")));
            assertThat(last.querySelector("tr[data-room='" + room + "'] .members-count").asNormalizedText()).isEqualTo("2");

            HtmlPage deleted = click(click(last, "delete:ask"), "delete:yes");
            assertThat(deleted.getElementById("messages").asNormalizedText()).contains("deleted");
            for (var member : List.of(bob, cat)) {
                JSONObject notice = member.client().nextEvent("message");
                assertThat(notice.optString("type")).isEqualTo("system");
                assertThat(notice.optJSONObject("from").optLong("id")).isZero();
                assertThat(notice.optJSONObject("from").optString("username")).isEqualTo("system");
                assertThat(notice.optString("message")).contains(name.replace("<", "&lt;").replace(">", "&gt;"));
                assertThat(notice.optLong("to")).isEqualTo(member.id());
            }
            assertThat(bob.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(404);
        }
    }

    @Test
    void aBroadcastReachesOnlineUsersOrEveryoneAtTheirNextSignin() throws IOException {
        var offline = Users.signedIn(base, "offline");
        offline.goOffline();
        try (var online = Users.signedIn(base, "online"); WebClient browser = Console.signedIn(base)) {
            HtmlPage page = broadcast(browser, "<b>maintenance</b> at noon", "online");
            assertThat(page.getElementById("messages").asNormalizedText()).contains("online users");
            JSONObject received = online.client().nextEvent("message");
            assertThat(received.optString("type")).isEqualTo("system");
            assertThat(received.optString("message")).isEqualTo("<b>maintenance</b> at noon");
            assertThat(received.optJSONObject("from").optString("username")).isEqualTo("system");

            broadcast(browser, "to everyone<script>x()</script>", "all");
            assertThat(online.client().nextEvent("message").optString("message")).isEqualTo("to everyone");
            try (var back = ChatClient.connect(base)) {
                back.signIn(offline.name(), "pw");
                JSONObject waiting = back.nextEvent("message");
                assertThat(waiting.optString("message")).as("only the broadcast to all").isEqualTo("to everyone");
                assertThat(waiting.optString("type")).isEqualTo("system");
                assertThat(back.call("friends", new JSONObject()).optInt("code")).isEqualTo(200);
                assertThat(back.events("message")).isEmpty();
            }
        }
    }

    @Test
    void theAuditLogRecordsWhoDidWhatFromWhere() {
        var user = Users.signedIn(base, "audited");
        try (user; WebClient browser = Console.signedIn(base)) {
            click(userPage(browser, user.id()), "actions:disable");
            HtmlPage audit = Console.page(browser, Console.url(base, "audit.xhtml"));
            DomNode entry = audit.querySelector("tr[data-action='user.disable']");
            assertThat(entry.asNormalizedText()).contains(Console.USERNAME).contains("127.0.0.1")
                    .contains("user #" + user.id() + " " + user.name());
        }
    }

    @Test
    void aFormPostedWithoutTheViewStateOfThisSessionDoesNothing() throws IOException {
        var user = Users.signedIn(base, "csrf");
        try (user; WebClient victim = Console.signedIn(base); WebClient attacker = Console.signedIn(base)) {
            HtmlPage attackerPage = userPage(attacker, user.id());
            String attackerState = attackerPage.getElementByName("jakarta.faces.ViewState").getAttribute("value");
            for (String state : new String[] {null, "forged", attackerState}) {
                var post = new WebRequest(new URL(Console.url(base, "user.xhtml?id=" + user.id())), HttpMethod.POST);
                var parameters = new ArrayList<>(List.of(new NameValuePair("actions", "actions"),
                        new NameValuePair("actions:disable", "Disable account")));
                if (state != null) {
                    parameters.add(new NameValuePair("jakarta.faces.ViewState", state));
                }
                post.setRequestParameters(parameters);
                victim.getPage(post);
            }
            assertThat(user.client().disconnected()).isNotDone();
            assertThat(userPage(victim, user.id()).getElementById("user-status").asNormalizedText()).isEqualTo("active");
            assertThat(user.client().call("presence", json("presence", "here")).optInt("code")).isEqualTo(200);
        }
    }

    private HtmlPage userPage(WebClient browser, long id) {
        return Console.page(browser, Console.url(base, "user.xhtml?id=" + id));
    }

    private HtmlPage broadcast(WebClient browser, String message, String audience) throws IOException {
        HtmlPage page = Console.page(browser, Console.url(base, "broadcast.xhtml"));
        page.getHtmlElementById("broadcast:message").type(message);
        ((HtmlElement) page.querySelector("input[name='broadcast:audience'][value='" + audience + "']")).click();
        return click(page, "broadcast:send");
    }

    private static HtmlPage click(HtmlPage page, String id) {
        try {
            return page.getHtmlElementById(id).click();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HtmlPage clickIn(DomNode row, String selector) {
        try {
            return ((HtmlElement) row.querySelector(selector)).click();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitOneOf(ChatClient... clients) {
        var any = CompletableFuture.anyOf(Arrays.stream(clients)
                .map(ChatClient::disconnected).toArray(CompletableFuture[]::new));
        try {
            any.get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no connection was kicked", e);
        }
    }

    /** Signs the user in on a new device, which keeps the token it was given. */
    private String tokenOf(Users.User user) {
        try (var device = ChatClient.connect(base)) {
            return device.signIn(user.name(), "pw").optString("token");
        }
    }

    private int signInWith(String token) {
        try (var device = ChatClient.connect(base)) {
            return device.call("signin", json("token", token)).optInt("code");
        }
    }

    private static long number(HtmlPage page, String id) {
        return Long.parseLong(page.getElementById(id).asNormalizedText().trim());
    }
}
