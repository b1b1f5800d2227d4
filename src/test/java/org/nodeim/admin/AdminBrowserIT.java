package org.nodeim.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.nodeim.testing.Await;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Chromium;
import org.nodeim.testing.Console;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.Users;

/**
 * The console, and the example page of the README, in a real browser (see {@link Chromium}).
 * Also takes the screenshots of every page, into {@code target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.admin.password=" + Console.PASSWORD);
    }

    @ArquillianResource
    URL base;

    @TempDir
    Path profile;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startChromium() {
        browser = Chromium.start(profile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(ChatClient.TIMEOUT_SECONDS), Duration.ofMillis(200));
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdministratorKicksAConnectedUserAndSeesTheConnectionGone() {
        try (var user = Users.signedIn(base, "browsed")) {
            signIn();
            String sessions = url("sessions.xhtml");
            browser.get(sessions);
            By row = By.cssSelector("tr[data-user='" + user.id() + "']");
            assertThat(browser.findElement(row).getText()).contains(user.name()).contains("websocket");

            browser.findElement(row).findElement(By.cssSelector("input[value='Kick']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "closed"));
            Await.value(user.client().disconnected());
            wait.until(driver -> {
                driver.get(sessions);
                return driver.findElements(row).isEmpty();
            });
        }
    }

    @Test
    void screenshotsOfEveryPage() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var cat = Users.signedIn(base, "cat")) {
            Users.befriend(ann, bob);
            long room = ann.client().call("room.create", json("name", "Release planning")).optJSONObject("room").optLong("id");
            bob.client().call("room.join", json("id", room));
            cat.client().call("room.join", json("id", room));
            for (int i = 0; i < 12; i++) {
                ann.client().call("message", json("to", bob.id(), "message", "hello " + i));
                bob.client().call("room.message", json("id", room, "message", "update " + i));
            }
            browser.get(url(""));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login:username")));
            screenshot("login");
            signIn();
            assertThat(Long.parseLong(text(By.id("stat-users")))).isGreaterThanOrEqualTo(3);
            assertThat(Long.parseLong(text(By.id("stat-online")))).isGreaterThanOrEqualTo(3);
            assertThat(Long.parseLong(text(By.id("stat-messages-today")))).isGreaterThanOrEqualTo(24);
            assertThat(browser.findElements(By.cssSelector("#chart rect.bar"))).isNotEmpty();
            screenshot("dashboard");
            browser.get(url("users.xhtml?q=" + ann.name()));
            assertThat(text(By.id("users"))).contains(ann.name());
            assertThat(text(By.id("user-count"))).startsWith("1 user(s)");
            screenshot("users");
            browser.get(url("user.xhtml?id=" + ann.id()));
            assertThat(text(By.tagName("main"))).contains(ann.name()).contains("Release planning");
            screenshot("user");
            browser.get(url("sessions.xhtml"));
            assertThat(text(By.id("connections"))).contains(ann.name()).contains(bob.name()).contains(cat.name());
            screenshot("sessions");
            ann.client().call("room.role", json("id", room, "user", bob.id(), "role", "admin"));
            ann.client().call("room.mute", json("id", room, "user", cat.id(), "seconds", 3600));
            browser.get(url("rooms.xhtml?room=" + room + "&page=999999"));
            assertThat(text(By.tagName("main"))).as("the room shown, its members online").contains("Release planning")
                    .contains(bob.name()).contains(cat.name()).contains("online").contains("admin");
            assertThat(browser.findElements(By.cssSelector("#members input.unmute"))).as("cat is muted").hasSize(1);
            screenshot("rooms");
            browser.get(url("broadcast.xhtml"));
            browser.findElement(By.id("broadcast:message")).sendKeys("The server restarts at <b>22:00 UTC</b>.");
            browser.findElement(By.id("broadcast:send")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Sent to"));
            screenshot("broadcast");
            browser.get(url("tokens.xhtml"));
            browser.findElement(By.id("create:name")).sendKeys("directory sync " + room);
            browser.findElement(By.id("create:make")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
            assertThat(text(By.id("tokens"))).contains("directory sync " + room).contains("never");
            screenshot("tokens");
            browser.get(url("audit.xhtml"));
            assertThat(text(By.id("audit"))).contains("broadcast").contains("signin");
            screenshot("audit");
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(url(""));
            assertThat(browser.findElement(By.id("stat-users")).isDisplayed()).isTrue();
            screenshot("dashboard-phone");
        }
    }

    @Test
    void theExamplePageHasTwoUsersTalkingAndEachMessageSanitized() {
        browser.get(Loopback.of(base).toExternalForm() + "example.html");
        By log = By.id("log");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(log, "alice got from bob-"));
        String text = browser.findElement(log).getText();
        assertThat(text).containsPattern("alice signed in as alice-\\w+ \\(id \\d+\\)")
                .containsPattern("bob got from alice-\\w+: hello")
                .containsPattern("alice got from bob-\\w+: hi <b>Alice</b>")
                .contains("alice sent a message: 200").doesNotContain("script");
    }

    private void signIn() {
        browser.get(url(""));
        browser.findElement(By.id("login:username")).sendKeys(Console.USERNAME);
        browser.findElement(By.id("login:password")).sendKeys(Console.PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("console")));
    }

    private String text(By element) {
        return browser.findElement(element).getText();
    }

    private void screenshot(String name) {
        Chromium.screenshot(browser, name);
    }

    private String url(String page) {
        return Loopback.of(base).toExternalForm() + "admin/" + page;
    }
}
