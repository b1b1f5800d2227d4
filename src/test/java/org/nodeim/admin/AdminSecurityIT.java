package org.nodeim.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Console;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;

/**
 * The console's defences: no page without signing in whatever the path looks like, response
 * headers, no inline script or style, login throttling, signing out.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminSecurityIT {

    static final int ACCOUNT_FAILURES = 3;
    static final int LOCK_SECONDS = 4;
    static final int SESSION_MINUTES = 7;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.admin.password=" + Console.PASSWORD,
                "nodeim.throttle.account-failures=" + ACCOUNT_FAILURES,
                "nodeim.throttle.lock-seconds=" + LOCK_SECONDS,
                "nodeim.admin.session-minutes=" + SESSION_MINUTES).addClass(SessionTimeoutProbe.class);
    }

    @ArquillianResource
    URL base;

    /** A response as it came off the wire. */
    record RawResponse(int status, String head, String body) {
    }

    static final String[] PATHS = {
        "/admin/", "/admin", "/admin/index.xhtml", "/admin/users.xhtml", "/admin/audit.xhtml?page=1",
        "/admin/..;/admin/index.xhtml", "/admin/..;/x", "/admin/login.xhtml/..;/index.xhtml",
        "/admin/login.xhtml;/../index.xhtml", "/admin/login.xhtml/../index.xhtml", "/admin/login.xhtml/..%2findex.xhtml",
        "/admin;jsessionid=0123/index.xhtml", "/admin/index.xhtml;jsessionid=0123", "/admin/;jsessionid=0123",
        "/%61dmin/index.xhtml", "/%2e%2e/admin/index.xhtml", "/x/%2e%2e/admin/index.xhtml", "/x/%2E%2E/admin/users.xhtml",
        "/admin/%2e/index.xhtml", "/admin/%2findex.xhtml", "/admin%2findex.xhtml", "/admin/./index.xhtml",
        "//admin/index.xhtml", "/admin//index.xhtml", "///admin///users.xhtml",
        "/ADMIN/index.xhtml", "/Admin/", "/aDmIn/users.xhtml", "/admin/INDEX.XHTML", "/admin/Users.xhtml",
        "/faces/admin/index.xhtml", "/admin/index.jsf", "/admin/index.faces", "/jakarta.faces.resource/../admin/index.xhtml",
        "/jakarta.faces.resource/index.xhtml.xhtml?ln=../admin", "/jakarta.faces.resource/users.xhtml.xhtml?ln=..%2fadmin",
        "/socket.io/../admin/index.xhtml", "/admin/index.xhtml%00", "/admin/index.xhtml%20", "/admin/index.xhtml\\",
        "/admin\\index.xhtml", "/admin/%5c..%5cindex.xhtml", "/admin/%252e%252e/index.xhtml",
        "/WEB-INF/templates/console.xhtml", "/WEB-INF/web.xml", "/resources/admin/console.css",
        "/admin/user.xhtml?id=1", "/admin/sessions.xhtml", "/admin/rooms.xhtml", "/admin/broadcast.xhtml", "/admin/tokens.xhtml"
    };

    @Test
    void noConsolePageWithoutSigningInWhateverThePath() {
        SoftAssertions.assertSoftly(soft -> {
            for (String path : PATHS) {
                check(soft, path);
            }
        });
    }

    private void check(SoftAssertions soft, String path) {
        RawResponse response = get(path, null);
        soft.assertThat(response.body()).as("%s → %s", path, response.head())
                .doesNotContain("data-console=\"signed-in\"")
                .doesNotContain("ui:composition")
                .doesNotContain("#{");
        if (response.status() == 200) {
            soft.assertThat(response.body()).as("%s answers only the login page", path).contains("login:password");
        } else {
            soft.assertThat(response.status()).as("%s → %s", path, response.head()).isIn(301, 302, 303, 307, 400, 403, 404, 405);
        }
        if (response.status() / 100 == 3) {
            String location = header(response, "location");
            soft.assertThat(location).as(path).satisfiesAnyOf(
                    l -> assertThat(l).endsWith("/admin/login.xhtml"),
                    l -> assertThat(get(l.replaceFirst("^https?://[^/]+", ""), null).body())
                            .doesNotContain("data-console=\"signed-in\""));
        }
    }

    @Test
    void pathTricksReachNothingEvenWhenSignedIn() throws IOException {
        String session = signedInSessionCookie();
        assertThat(get("/admin/index.xhtml", session).body()).contains("data-console=\"signed-in\"");
        for (String path : new String[] {"/admin/..;/admin/index.xhtml", "/admin;jsessionid=x/index.xhtml",
                "/%61dmin/index.xhtml", "//admin/index.xhtml", "/ADMIN/index.xhtml", "/x/%2e%2e/admin/index.xhtml"}) {
            RawResponse response = get(path, session);
            assertThat(response.status()).as(path).isIn(301, 302, 400, 404);
            assertThat(response.body()).as(path).doesNotContain("data-console");
        }
    }

    @Test
    void consolePagesForbidFramingInlineScriptsAndCaching() throws IOException {
        String session = signedInSessionCookie();
        for (String path : new String[] {"/admin/login.xhtml", "/admin/", "/admin/users.xhtml", "/admin/sessions.xhtml",
                "/admin/rooms.xhtml", "/admin/broadcast.xhtml", "/admin/audit.xhtml", "/admin/user.xhtml?id=1", "/admin/tokens.xhtml"}) {
            RawResponse response = get(path, session);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(header(response, "x-frame-options")).as(path).isEqualTo("DENY");
            String csp = header(response, "content-security-policy");
            assertThat(csp).as(path).contains("default-src 'none'").contains("script-src 'self'")
                    .contains("style-src 'self'").contains("frame-ancestors 'none'").contains("form-action 'self'")
                    .doesNotContain("unsafe");
            assertThat(header(response, "x-content-type-options")).isEqualTo("nosniff");
            assertThat(header(response, "cache-control")).isEqualTo("no-store");
            String body = response.body().toLowerCase(Locale.ROOT);
            assertThat(body).as("%s has no inline script", path).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
            assertThat(body).as("%s has no inline style", path).doesNotContain("<style").doesNotContain(" style=");
            assertThat(body).as("%s has no event handler", path).doesNotContainPattern("\\son[a-z]+=");
        }
    }

    @Test
    void aForgedViewStateIs400WithTheConsoleHeaders() throws IOException {
        for (String path : new String[] {"/admin/login.xhtml", "/admin/broadcast.xhtml"}) {
            String form = "login=login&login%3Ausername=admin&login%3Apassword=x&login%3Asubmit=Sign+in"
                    + "&jakarta.faces.ViewState=forged-" + path.length();
            RawResponse response = post(path, form, path.contains("login") ? null : signedInSessionCookie());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(header(response, "x-frame-options")).as(path).isEqualTo("DENY");
            assertThat(header(response, "content-security-policy")).as(path).contains("default-src 'none'");
            assertThat(response.body()).as(path).contains("expired").doesNotContain("Exception");
        }
    }

    @Test
    void anActionSentByGetIsRefused() throws IOException {
        String session = signedInSessionCookie();
        Matcher viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(get("/admin/broadcast.xhtml", session).body());
        assertThat(viewState.find()).as("the form's view state").isTrue();
        var response = get("/admin/broadcast.xhtml?broadcast=broadcast&broadcast%3Atext=hi&broadcast%3Asend=Send"
                + "&jakarta.faces.ViewState=" + URLEncoder.encode(viewState.group(1), StandardCharsets.UTF_8), session);
        assertThat(response.status()).isEqualTo(400);
        assertThat(header(response, "x-frame-options")).isEqualTo("DENY");
        assertThat(get("/admin/broadcast.xhtml", session).status()).isEqualTo(200);
    }

    @Test
    void aFormPostedTwiceWithTheSameViewStateIsRefusedTheSecondTime() {
        String session = signedInSessionCookie();
        Matcher viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(get("/admin/broadcast.xhtml", session).body());
        assertThat(viewState.find()).as("the form's view state").isTrue();
        String form = "broadcast=broadcast&broadcast%3Amessage=replayed&broadcast%3Aaudience=online&broadcast%3Asend=Send"
                + "&jakarta.faces.ViewState=" + URLEncoder.encode(viewState.group(1), StandardCharsets.UTF_8);
        RawResponse first = post("/admin/broadcast.xhtml", form, session);
        assertThat(first.status()).as("the first post, sent and redirected").isIn(302, 303);
        assertThat(first.body()).doesNotContain("expired");
        RawResponse replay = post("/admin/broadcast.xhtml", form, session);
        assertThat(replay.status()).as("the same form again").isEqualTo(400);
        assertThat(replay.body()).contains("expired");
        assertThat(header(replay, "x-frame-options")).isEqualTo("DENY");
    }

    @Test
    void anonymousRequestsCreateNoSession() {
        for (String path : new String[] {"/admin/", "/admin/users.xhtml", "/admin/user.xhtml?id=1", "/admin/login.xhtml"}) {
            RawResponse response = get(path, null);
            assertThat(response.status()).as(path).isIn(200, 302);
            assertThat(response.head().toLowerCase(Locale.ROOT)).as(path).doesNotContain("jsessionid");
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndSigningInNeverKeepsAGivenOne() throws IOException {
        try (WebClient browser = Console.browser()) {
            HtmlPage login = Console.page(browser, Console.url(base, ""));
            assertThat(browser.getCookieManager().getCookie("JSESSIONID")).as("no session before signing in").isNull();
            browser.getCookieManager().addCookie(new Cookie(Loopback.of(base).getHost(), "JSESSIONID", "planted-by-someone-else", "/", null, false));
            WebResponse signedIn = Console.submitLogin(login, Console.USERNAME, Console.PASSWORD).getWebResponse();
            assertThat(signedIn.getContentAsString()).contains("data-console=\"signed-in\"");
            Cookie after = browser.getCookieManager().getCookie("JSESSIONID");
            assertThat(after.getValue()).as("no session fixation").isNotEqualTo("planted-by-someone-else");
            assertThat(after.isHttpOnly()).isTrue();
            assertThat(browser.getCookieManager().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")))
                    .hasSize(1);
        }
    }

    @Test
    void guessingLocksTheLoginEvenForTheRightPasswordUntilTheLockExpires() {
        try (WebClient browser = Console.browser()) {
            HtmlPage page = Console.page(browser, Console.url(base, ""));
            for (int i = 0; i < ACCOUNT_FAILURES; i++) {
                page = Console.submitLogin(page, Console.USERNAME, "guess-" + i);
                assertThat(Console.isConsole(page)).isFalse();
            }
            page = Console.submitLogin(page, Console.USERNAME, Console.PASSWORD);
            assertThat(Console.isConsole(page)).as("locked").isFalse();
        }
        awaitConsoleUnlocked();
    }

    @Test
    void chatGuessesDoNotLockTheConsoleAndAreAudited() {
        awaitConsoleUnlocked();
        try (ChatClient chat = ChatClient.connect(base)) {
            for (String name : new String[] {Console.USERNAME, "console:" + Console.USERNAME}) {
                for (int i = 0; i <= ACCOUNT_FAILURES; i++) {
                    assertThat(chat.call("signin", ChatClient.json("username", name, "password", "guess-" + i))
                            .optInt("code")).isIn(404, 429);
                }
            }
        }
        try (WebClient browser = Console.browser()) {
            HtmlPage page = Console.submitLogin(Console.page(browser, Console.url(base, "")),
                    Console.USERNAME, Console.PASSWORD);
            assertThat(Console.isConsole(page)).as("the console is not locked by chat signins").isTrue();
            HtmlPage audit = Console.page(browser, Console.url(base, "audit.xhtml"));
            assertThat(audit.querySelectorAll("tr[data-action='chat.signin.failed']")).isNotEmpty();
            assertThat(audit.getElementById("audit").asNormalizedText()).contains("console:" + Console.USERNAME);
        }
    }

    @Test
    void signingInOpensThePageFirstAskedFor() {
        awaitConsoleUnlocked();
        try (WebClient browser = Console.browser()) {
            HtmlPage login = Console.page(browser, Console.url(base, "audit.xhtml?page=1"));
            assertThat(Console.isConsole(login)).as("not signed in yet").isFalse();
            HtmlPage opened = Console.submitLogin(login, Console.USERNAME, Console.PASSWORD);
            assertThat(Console.isConsole(opened)).isTrue();
            assertThat(opened.getUrl().getPath()).isEqualTo("/admin/audit.xhtml");
            assertThat(opened.getUrl().getQuery()).isEqualTo("page=1");
        }
    }

    @Test
    void theConsoleSessionTimeoutIsTheConfiguredOne() {
        RawResponse response = get("/test/session-timeout", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().strip()).isEqualTo(Integer.toString(SESSION_MINUTES));
    }

    private void awaitConsoleUnlocked() {
        await().atMost(Duration.ofSeconds(LOCK_SECONDS * 5L)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (WebClient browser = Console.browser()) {
                return Console.isConsole(Console.submitLogin(Console.page(browser, Console.url(base, "")),
                        Console.USERNAME, Console.PASSWORD));
            }
        });
    }

    @Test
    void signingOutEndsTheSession() throws IOException {
        String session = signedInSessionCookie();
        try (WebClient browser = Console.browser()) {
            browser.getCookieManager().addCookie(new Cookie("127.0.0.1", "JSESSIONID", session));
            HtmlPage dashboard = Console.page(browser, Console.url(base, ""));
            assertThat(Console.isConsole(dashboard)).isTrue();
            dashboard.getHtmlElementById("signout:button").click();
        }
        assertThat(get("/admin/", session).body()).doesNotContain("data-console");
    }

    /** The session cookie of a browser that signed in. */
    private String signedInSessionCookie() {
        try (WebClient browser = Console.signedIn(base)) {
            return browser.getCookieManager().getCookie("JSESSIONID").getValue();
        }
    }

    private static String header(RawResponse response, String name) {
        for (String line : response.head().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private RawResponse post(String path, String form, String sessionCookie) {
        return exchange("POST " + path + " HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.length() + "\r\n", sessionCookie, form);
    }

    /** A GET written byte for byte, so that no client library normalizes the path first. */
    private RawResponse get(String path, String sessionCookie) {
        return exchange("GET " + path + " HTTP/1.1\r\n", sessionCookie, "");
    }

    private RawResponse exchange(String requestLineAndHeaders, String sessionCookie, String requestBody) {
        URL loopback = Loopback.of(base);
        try (var socket = new Socket(loopback.getHost(), loopback.getPort())) {
            socket.setSoTimeout(15_000);
            String request = requestLineAndHeaders + "Host: " + loopback.getHost() + ":" + loopback.getPort()
                    + "\r\nConnection: close\r\n"
                    + (sessionCookie == null ? "" : "Cookie: JSESSIONID=" + sessionCookie + "\r\n") + "\r\n" + requestBody;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String raw = readAll(socket.getInputStream());
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            String body = end < 0 ? "" : raw.substring(end + 4);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            return new RawResponse(status, head, body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0 && total < 4_000_000) {
            bytes.write(buffer, 0, read);
            total += read;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
