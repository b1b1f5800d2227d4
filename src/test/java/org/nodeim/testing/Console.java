package org.nodeim.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;

/** The admin console in HtmlUnit (no JavaScript: the console needs none). */
public final class Console {

    /** The administrator's password the console ITs deploy with. */
    public static final String PASSWORD = "console-test-password";
    public static final String USERNAME = "admin";

    private Console() {
    }

    /** A browser that has not signed in. */
    public static WebClient browser() {
        var client = new WebClient(BrowserVersion.FIREFOX);
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setPrintContentOnFailingStatusCode(false);
        client.getOptions().setTimeout((int) ChatClient.TIMEOUT_SECONDS * 1000);
        return client;
    }

    /** {@code http://127.0.0.1:PORT/admin/...}. */
    public static String url(URL base, String page) {
        return Loopback.of(base).toExternalForm() + "admin/" + page;
    }

    /** Fills and submits the login form of a page showing it; the page that follows. */
    public static HtmlPage submitLogin(HtmlPage login, String username, String password) {
        assertThat(login.getElementById("login:username"))
                .as("the login form, on a page answered %d: %s", login.getWebResponse().getStatusCode(),
                        login.getWebResponse().getContentAsString())
                .isNotNull();
        try {
            login.getHtmlElementById("login:username").type(username);
            login.getHtmlElementById("login:password").type(password);
            return login.getHtmlElementById("login:submit").click();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A browser signed in as the administrator, on the dashboard. */
    public static WebClient signedIn(URL base) {
        var client = browser();
        HtmlPage dashboard = submitLogin(page(client, url(base, "")), USERNAME, PASSWORD);
        assertThat(isConsole(dashboard)).as("signed in: %s", dashboard.asNormalizedText()).isTrue();
        return client;
    }

    public static HtmlPage page(WebClient client, String url) {
        try {
            return client.getPage(url);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether the page is one of the console's signed-in pages (not the login page). */
    public static boolean isConsole(HtmlPage page) {
        return page.getElementById("console") != null;
    }
}
