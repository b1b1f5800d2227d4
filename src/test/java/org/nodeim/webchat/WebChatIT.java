package org.nodeim.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Chromium;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.Users;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web chat page at {@code /}, used as people use it: two headless Chromium browsers (see
 * {@link Chromium}) and, where a third person is needed, the Java Socket.IO client. Also takes the
 * screenshots of the README, into {@code target/screenshots/chat-*.png}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebChatIT {

    static final String PASSWORD = "correct horse";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @TempDir
    Path temp;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quit() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void twoPeopleBecomeFriendsChatResumeShareAFileAndMeetInARoom() throws Exception {
        Page ann = open("ann");
        Page bob = open("bob");
        String annName = ann.signUp("a secret?", "yes");
        String bobName = bob.signUp(null, null);
        Chromium.screenshot(ann.browser, "chat-signed-in");
        long annId = ann.myId();
        long bobId = bob.myId();

        // friends: ann finds bob and asks; bob accepts; each sees the other online
        ann.find("username", bobName);
        ann.click(By.cssSelector("#find-results li[data-user='" + bobId + "'] button.add"));
        ann.awaitStatus("Friend request sent");
        bob.awaitText(By.id("requests"), annName);
        bob.browser.navigate().refresh(); // the request waits on the server, not in the page
        bob.waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        bob.click(By.cssSelector("#requests li[data-user='" + annId + "'] button.accept"));
        ann.awaitText(friend(bobId), "online");
        bob.awaitText(friend(annId), "online");

        // chat both ways; typed text stays text; unread counts until the conversation is opened
        ann.click(friend(bobId));
        ann.type("hello <b>bob</b>\n");
        bob.awaitAttribute(unread(annId), "data-unread", "1");
        ann.awaitText(By.cssSelector("#messages li.message.mine .receipt"), "Delivered"); // on bob's device, not read yet
        bob.click(friend(annId));
        bob.awaitText(By.id("messages"), "hello <b>bob</b>");
        assertThat(bob.browser.findElements(By.cssSelector("#messages b"))).as("typed markup is not markup").isEmpty();
        ann.awaitText(By.cssSelector("#messages li.message.mine .receipt"), "Seen");
        bob.awaitAttribute(unread(annId), "data-unread", "0");
        bob.type("hi ann");
        ann.awaitText(By.id("typing"), "is typing");
        bob.type("\n");
        ann.awaitText(By.id("messages"), "hi ann");
        ann.waits.until(ExpectedConditions.textToBe(By.id("typing"), ""));

        // search within the conversation
        ann.browser.findElement(By.id("search-text")).sendKeys("HELLO");
        ann.click(By.cssSelector("#search-form button"));
        ann.awaitText(By.id("search-title"), "1 message found");
        assertThat(ann.browser.findElement(By.id("search-results")).getText())
                .contains("hello <b>bob</b>").doesNotContain("hi ann");
        ann.click(By.id("search-close"));

        // HTML from a program is shown as the server sanitized it, scripts removed
        try (var cat = Users.signedIn(base, "cat")) {
            assertThat(cat.client().call("message", json("to", annId,
                    "message", "<b>bold</b><img src=x onerror=\"window.hacked=1\"><script>window.hacked=1</script>"))
                    .optInt("code")).isEqualTo(200);
            ann.awaitAttribute(unread(cat.id()), "data-unread", "1");
            ann.click(friend(cat.id()));
            ann.awaitText(By.cssSelector("#messages b"), "bold");
            assertThat(ann.script("return window.hacked === undefined")).isEqualTo(Boolean.TRUE);
            assertThat(ann.browser.findElement(By.id("messages")).getAttribute("innerHTML"))
                    .doesNotContain("onerror").doesNotContain("<script");
        }

        // a file: ann sends an image to bob, who sees it in place and opens it
        ann.click(friend(bobId));
        Path picture = picture();
        ann.browser.findElement(By.id("composer-file")).sendKeys(picture.toAbsolutePath().toString());
        ann.awaitStatus("sent");
        By image = By.cssSelector("#messages li.message img");
        bob.waits.until(ExpectedConditions.presenceOfElementLocated(image));
        String src = bob.browser.findElement(image).getAttribute("src");
        assertThat(bob.script("var i = document.querySelector('#messages li.message img');"
                + " return i.complete && i.naturalWidth;")).isEqualTo(32L);
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(src)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(Files.readAllBytes(picture));
        Chromium.screenshot(bob.browser, "chat-conversation");
        // any other file is a link to it
        Path notes = Files.writeString(temp.resolve("notes.txt"), "plain notes");
        ann.browser.findElement(By.id("composer-file")).sendKeys(notes.toAbsolutePath().toString());
        bob.waits.until(driver -> driver.findElements(By.cssSelector("#messages li.message a")).stream()
                .anyMatch(link -> link.getText().equals("notes.txt")));
        WebElement notesLink = bob.browser.findElements(By.cssSelector("#messages li.message a")).stream()
                .filter(link -> link.getText().equals("notes.txt")).findFirst().orElseThrow();
        assertThat(notesLink.findElements(By.tagName("img"))).as("not shown in place").isEmpty();
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(notesLink.getAttribute("href"))).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("plain notes");

        // bob reloads: the page signs him in again with its token, and the history is there
        bob.browser.navigate().refresh();
        bob.waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        assertThat(bob.browser.findElement(By.id("auth")).isDisplayed()).isFalse();
        bob.click(friend(annId));
        bob.awaitText(By.id("messages"), "hello <b>bob</b>");
        assertThat(bob.browser.findElement(By.id("messages")).getText()).contains("hi ann");

        // a room with three people
        ann.browser.findElement(By.id("room-name")).sendKeys("Release planning");
        ann.click(By.cssSelector("#room-create-form button"));
        ann.waits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rooms li[data-room]")));
        long room = Long.parseLong(ann.browser.findElement(By.cssSelector("#rooms li[data-room]")).getAttribute("data-room"));
        bob.browser.findElement(By.id("room-join-id")).sendKeys(Long.toString(room));
        bob.click(By.cssSelector("#room-join-form button"));
        bob.awaitText(By.id("conversation-title"), "Release planning");
        try (var dan = Users.signedIn(base, "dan")) {
            assertThat(dan.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            ann.awaitText(By.id("member-list"), dan.name());
            assertThat(ann.browser.findElements(By.cssSelector("#member-list li"))).hasSize(3);
            dan.client().call("room.message", json("id", room, "message", "agenda at <i>ten</i>"));
            ann.awaitText(By.id("messages"), "agenda at ten");
            bob.awaitText(By.id("messages"), "agenda at ten");
            bob.type("bob agrees\n");
            ann.awaitText(By.id("messages"), "bob agrees");
            JSONObject heard = dan.client().nextEvent("message");
            while (!"bob agrees".equals(heard.optString("message"))) {
                heard = dan.client().nextEvent("message");
            }
            assertThat(heard.optLong("room")).isEqualTo(room);
            By bobsReceipt = By.cssSelector("#messages li.message.mine[data-id='" + heard.optLong("id") + "'] .receipt");
            bob.awaitText(bobsReceipt, "Read by 1");
            assertThat(dan.client().call("read", json("room", room, "upTo", heard.optLong("id"))).optInt("code")).isEqualTo(200);
            bob.awaitText(bobsReceipt, "Read by 2");
            Chromium.screenshot(ann.browser, "chat-room");

            // bob edits his message, then takes it back; the others see each change
            By bobsMessage = By.cssSelector("#messages li.message.mine[data-id='" + heard.optLong("id") + "']");
            bob.click(By.cssSelector("#messages li.message.mine[data-id='" + heard.optLong("id") + "'] button.edit"));
            var editBox = bob.browser.findElement(By.cssSelector("#messages li.message.mine .edit-text"));
            editBox.clear();
            editBox.sendKeys("bob agrees, with one change\n");
            ann.awaitText(By.id("messages"), "bob agrees, with one change");
            ann.awaitText(By.id("messages"), "(edited)");
            assertThat(dan.client().nextEvent("message.edit").optString("message")).isEqualTo("bob agrees, with one change");
            bob.awaitText(bobsMessage, "(edited)");
            bob.click(By.cssSelector("#messages li.message.mine[data-id='" + heard.optLong("id") + "'] button.retract"));
            ann.awaitText(By.id("messages"), "This message was retracted.");
            assertThat(ann.browser.findElement(By.id("messages")).getText()).doesNotContain("with one change");
            // ann owns the room: she makes bob an admin, mutes dan, removes him, then invites him back
            String danRow = "#member-list li[data-user='" + dan.id() + "'] ";
            ann.click(By.cssSelector("#member-list li[data-user='" + bobId + "'] button.promote"));
            bob.awaitAttribute(By.cssSelector("#member-list li[data-user='" + bobId + "']"), "data-role", "admin");
            ann.click(By.cssSelector(danRow + "button.mute"));
            assertThat(dan.client().nextEvent("room.mute").optLong("until")).isPositive();
            assertThat(dan.client().call("room.message", json("id", room, "message", "muted?")).optInt("code")).isEqualTo(403);
            ann.awaitText(By.cssSelector(danRow), "muted");
            ann.click(By.cssSelector(danRow + "button.kick"));
            assertThat(dan.client().nextEvent("room.kick").optJSONObject("by").optLong("id")).isEqualTo(annId);
            bob.awaitText(By.id("messages"), "was removed");
            ann.browser.findElement(By.id("invite-username")).sendKeys(dan.name());
            ann.click(By.cssSelector("#invite-form button"));
            assertThat(dan.client().nextEvent("room.invite").optJSONObject("room").optLong("id")).isEqualTo(room);

            ann.click(By.id("leave-room"));
            bob.awaitText(By.id("messages"), "left");
        }

        // signing out shows the friend offline; offline messages wait with their unread count
        bob.click(By.id("signout"));
        bob.waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
        ann.awaitText(friend(bobId), "offline");
        ann.click(friend(bobId));
        ann.type("while you were away\n");
        ann.awaitText(By.id("messages"), "while you were away");
        bob.signIn(bobName, PASSWORD);
        bob.awaitAttribute(unread(annId), "data-unread", "1");
        ann.awaitText(friend(bobId), "online");
        bob.click(friend(annId));
        bob.awaitText(By.id("messages"), "while you were away");

        // bob files ann under a group of his own
        WebElement group = bob.browser.findElement(By.id("group-input"));
        group.clear();
        group.sendKeys("Work\n");
        bob.awaitStatus("Group set");
        bob.waits.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#friends ul[aria-label='Work'] li[data-user='" + annId + "']")));

        // a stranger's friend request, refused
        try (var cat = Users.signedIn(base, "cat")) {
            assertThat(cat.client().call("subscribe", json("to", bobId)).optInt("code")).isEqualTo(200);
            bob.browser.navigate().refresh();
            bob.waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
            bob.click(By.cssSelector("#requests li[data-user='" + cat.id() + "'] button.refuse"));
            bob.awaitStatus("Request refused");
            assertThat(cat.client().nextEvent("message").optString("type")).isEqualTo("refuse");
        }

        // ann's password, recovered by her question, and her profile
        ann.click(By.id("signout"));
        ann.waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("retrieve-form")));
        ann.browser.findElement(By.id("retrieve-username")).sendKeys(annName);
        ann.click(By.id("retrieve-submit"));
        ann.awaitText(By.id("retrieve-question"), "a secret?");
        ann.browser.findElement(By.id("retrieve-answer")).sendKeys("yes");
        ann.browser.findElement(By.id("retrieve-newpassword")).sendKeys("new password");
        ann.click(By.id("retrieve-submit"));
        ann.awaitStatus("Password changed");
        ann.signIn(annName, "new password");
        ann.click(By.id("profile-open"));
        ann.browser.findElement(By.id("profile-new-name")).sendKeys("city");
        String city = "Lyon " + ChatClient.uniqueName("district");
        ann.browser.findElement(By.id("profile-new-value")).sendKeys(city);
        ann.click(By.cssSelector("#profile-form button[type='submit']"));
        ann.awaitStatus("Profile saved");
        try (var eve = Users.signedIn(base, "eve")) {
            JSONObject found = eve.client().call("find", json("username", annName));
            assertThat(found.optJSONArray("users").optJSONObject(0).optString("city")).isEqualTo(city);
        }
        bob.find("city", city);
        bob.waits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#find-results li[data-user='" + annId + "']")));

        // bob removes ann: she leaves both lists
        bob.click(friend(annId));
        bob.click(By.id("unfriend"));
        bob.waits.until(ExpectedConditions.invisibilityOfElementLocated(friend(annId)));
        ann.waits.until(driver -> {
            driver.navigate().refresh();
            return driver.findElements(friend(bobId)).isEmpty() && driver.findElement(By.id("app")).isDisplayed();
        });
    }

    @Test
    void olderHistoryLoadsWhenScrollingUp() {
        Page ann = open("ann");
        ann.signUp(null, null);
        long annId = ann.myId();
        try (var cat = Users.signedIn(base, "cat")) {
            for (int i = 0; i < 45; i++) {
                assertThat(cat.client().call("message", json("to", annId, "message", "m" + i)).optInt("code")).isEqualTo(200);
            }
            ann.awaitAttribute(unread(cat.id()), "data-unread", "45");
            ann.click(friend(cat.id()));
            ann.awaitAttribute(By.id("messages"), "data-pages", "1/3");
            assertThat(ann.messages()).hasSize(20).last().isEqualTo("m44");
            for (String pages : new String[] {"2/3", "3/3"}) {
                ann.script("document.getElementById('messages').scrollTop = 0;"
                        + " document.getElementById('messages').dispatchEvent(new Event('scroll'));");
                ann.awaitAttribute(By.id("messages"), "data-pages", pages);
            }
            assertThat(ann.messages()).hasSize(45).first().isEqualTo("m0");
            assertThat(ann.messages()).last().isEqualTo("m44");
        }
    }

    @Test
    void onAPhoneTheConversationReplacesTheListAndBlockingSilencesSomeone() {
        Page ann = open("ann");
        ann.browser.manage().window().setSize(new Dimension(390, 844));
        ann.browser.navigate().refresh();
        ann.waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
        Chromium.screenshot(ann.browser, "chat-phone-signin");
        ann.signUp(null, null);
        long annId = ann.myId();
        try (var cat = Users.signedIn(base, "cat")) {
            cat.client().call("message", json("to", annId, "message", "hello from a phone test"));
            ann.awaitAttribute(unread(cat.id()), "data-unread", "1");
            ann.click(friend(cat.id()));
            ann.awaitText(By.id("messages"), "hello from a phone test");
            assertThat(ann.browser.findElement(By.id("sidebar")).isDisplayed()).isFalse();
            assertThat(ann.browser.findElement(By.id("composer-text")).isDisplayed()).isTrue();
            Chromium.screenshot(ann.browser, "chat-phone");
            ann.click(By.id("back"));
            assertThat(ann.browser.findElement(By.id("sidebar")).isDisplayed()).isTrue();
            assertThat(ann.browser.switchTo().activeElement().getAttribute("data-key")).isEqualTo("u:" + cat.id());

            // ann blocks cat from the page: cat's next message never shows, a later one from dan does
            ann.click(friend(cat.id()));
            ann.click(By.id("block-toggle"));
            ann.awaitText(By.id("block-toggle"), "Unblock");
            ann.click(By.id("back"));
            try (var dan = Users.signedIn(base, "dan")) {
                assertThat(cat.client().call("message", json("to", annId, "message", "blocked words")).optInt("code")).isEqualTo(200);
                assertThat(dan.client().call("message", json("to", annId, "message", "from dan")).optInt("code")).isEqualTo(200);
                ann.awaitAttribute(unread(dan.id()), "data-unread", "1");
                assertThat(ann.browser.findElement(unread(cat.id())).getAttribute("data-unread")).isEqualTo("0");
            }
        }
    }

    @Test
    void everyFieldHasALabelAndEveryControlIsReachable() {
        Page ann = open("ann");
        ann.signUp(null, null);
        Object unlabelled = ann.script("return Array.from(document.querySelectorAll('input, textarea, select'))"
                + ".filter(function (e) { return !(e.labels && e.labels.length) && !e.getAttribute('aria-label'); })"
                + ".map(function (e) { return e.id || e.outerHTML; });");
        assertThat((List<?>) unlabelled).isEmpty();
        Object unnamedButtons = ann.script("return Array.from(document.querySelectorAll('button'))"
                + ".filter(function (b) { return !b.textContent.trim() && !b.getAttribute('aria-label'); }).length;");
        assertThat(unnamedButtons).isEqualTo(0L);
        assertThat(ann.script("return document.querySelector('a[href], button, input, textarea').className"))
                .as("the first stop: the skip link").isEqualTo("skip");
        assertThat(ann.script("var skip = document.querySelector('a.skip'); skip.focus();"
                + " return document.activeElement === skip && skip.getBoundingClientRect().left >= 0;"))
                .as("the skip link shows when focused").isEqualTo(Boolean.TRUE);
    }

    /**
     * WCAG AA on the rendered page: every visible piece of text against the background it sits on
     * (4.5:1, 3:1 for large text), on the sign-in page and in a conversation; and every stop of
     * the Tab key shows where it is (an outline or a shadow, or on the label of the hidden file
     * input).
     */
    @Test
    void theTextIsReadableAndEveryKeyboardStopShowsWhereItIs() {
        Page ann = open("readable");
        assertThat(ann.script(LOW_CONTRAST)).as("text below AA contrast on the sign-in page").asList().isEmpty();
        ann.signUp(null, null);
        long annId = ann.myId();
        try (var bob = Users.signedIn(base, "bob")) {
            assertThat(bob.client().call("message", json("to", annId, "message", "can you read this?")).optInt("code")).isEqualTo(200);
            ann.awaitAttribute(unread(bob.id()), "data-unread", "1");
            assertThat(ann.script(LOW_CONTRAST)).as("text below AA contrast with an unread count").asList().isEmpty();
            ann.click(friend(bob.id()));
            ann.awaitText(By.id("messages"), "can you read this?");
            ann.type("yes\n");
            ann.awaitText(By.id("messages"), "yes");
            assertThat(ann.script(LOW_CONTRAST)).as("text below AA contrast in a conversation").asList().isEmpty();

            ann.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
            var stops = new ArrayList<String>();
            var unmarked = new ArrayList<String>();
            for (int i = 0; i < 80; i++) {
                new Actions(ann.browser()).sendKeys(Keys.TAB).perform();
                List<?> stop = (List<?>) ann.script(FOCUS_MARK);
                if (((String) stop.get(0)).startsWith("body")) {
                    continue; // past the last stop, the browser's own controls; the next Tab starts over
                }
                if (!stops.isEmpty() && stops.get(0).equals(stop.get(0))) {
                    break;
                }
                stops.add((String) stop.get(0));
                if (!Boolean.TRUE.equals(stop.get(1))) {
                    unmarked.add((String) stop.get(0));
                }
            }
            assertThat(stops).as("Tab reaches the skip link, the composer and the conversation list")
                    .contains("a.skip", "textarea#composer-text").anyMatch(stop -> stop.startsWith("button.entry"));
            assertThat(unmarked).as("stops that do not show focus").isEmpty();
        }
    }

    /** Visible text whose contrast with its background is below WCAG AA, as "text (ratio)". */
    private static final String LOW_CONTRAST = """
            function rgba(c) { var p = c.match(/[\\d.]+/g).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
            function over(top, under) { var a = top[3]; return [0, 1, 2].map(function (i) { return top[i] * a + under[i] * (1 - a); }).concat(1); }
            function ground(el) {
              var layers = [];
              for (var e = el; e && e.nodeType === 1; e = e.parentElement) {
                var c = rgba(getComputedStyle(e).backgroundColor);
                if (c[3] > 0) { layers.push(c); if (c[3] === 1) { break; } }
              }
              return layers.reduceRight(function (under, top) { return over(top, under); }, [255, 255, 255, 1]);
            }
            function luminance(c) {
              var l = c.slice(0, 3).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
            }
            var low = [];
            document.querySelectorAll('body *').forEach(function (el) {
              var own = Array.from(el.childNodes).some(function (n) { return n.nodeType === 3 && n.textContent.trim(); });
              var style = getComputedStyle(el);
              if (!own || !el.getClientRects().length || style.visibility !== 'visible' || Number(style.opacity) === 0) { return; }
              var back = ground(el), text = over(rgba(style.color), back);
              var a = luminance(text), b = luminance(back);
              var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              var size = parseFloat(style.fontSize), large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
              if (ratio < (large ? 3 : 4.5)) { low.push(el.textContent.trim().slice(0, 30) + ' (' + ratio.toFixed(2) + ')'); }
            });
            return low;
            """;

    /** The focused element as tag#id.class, and whether it shows its focus. */
    private static final String FOCUS_MARK = """
            var el = document.activeElement;
            var name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string'
                ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
            function marked(e) {
              var s = getComputedStyle(e);
              return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
            }
            var shown = marked(el) || (el.type === 'file' && el.nextElementSibling !== null && marked(el.nextElementSibling));
            return [name, shown];
            """;

    /**
     * {@code /nodeim.js} acknowledges every {@code message} event once the page's listeners
     * have run: the acknowledgement packet leaves the page (seen on the Engine.IO client's
     * outgoing packets) after the listener took the message.
     */
    @Test
    void theShimAcknowledgesEachMessageAfterTheListenersRan() {
        Page page = open("shim");
        try (var ann = Users.signedIn(base, "ann"); var bobClient = ChatClient.connect(base)) {
            String bob = ChatClient.uniqueName("bob");
            long bobId = bobClient.signUp(bob, PASSWORD);
            page.script("window.trace = []; window.signedIn = 0;"
                    + " var s = io(location.origin, {forceNew: true, transports: ['websocket']});"
                    + " s.io.on('open', function () { s.io.engine.on('packetCreate', function (p) {"
                    + "   if (p.type === 'message' && /^3/.test(p.data)) { window.trace.push('ack ' + p.data); } }); });"
                    + " s.on('message', function (m) { window.trace.push('heard ' + m.message); });"
                    + " s.on('connect', function () { s.command('signin', {username: '" + bob + "', password: '" + PASSWORD + "'},"
                    + "   function (reply) { window.signedIn = reply.code; }); });");
            page.waits.until(driver -> Long.valueOf(200).equals(page.script("return window.signedIn;")));
            for (String text : List.of("one", "two")) {
                assertThat(ann.client().call("message", json("to", bobId, "message", text)).optInt("code")).isEqualTo(200);
            }
            page.waits.until(driver -> ((List<?>) page.script("return window.trace;")).size() >= 4);
            List<?> trace = (List<?>) page.script("return window.trace;");
            assertThat(trace).hasSize(4);
            assertThat(trace.get(0)).isEqualTo("heard one");
            assertThat((String) trace.get(1)).matches("ack 3[0-9]+\\[\\]");
            assertThat(trace.get(2)).isEqualTo("heard two");
            assertThat((String) trace.get(3)).matches("ack 3[0-9]+\\[\\]");
        }
    }

    /** A friend's (or stranger's) entry in the list of the user whose page this is. */
    private static By friend(long userId) {
        return By.cssSelector("#friends li[data-user='" + userId + "'] button.entry");
    }

    /** The unread count on that entry, as its {@code data-unread} attribute. */
    private static By unread(long userId) {
        return By.cssSelector("#friends li[data-user='" + userId + "'] button.entry .unread");
    }

    private Page open(String label) {
        WebDriver browser;
        try {
            browser = Chromium.start(Files.createDirectories(temp.resolve(label)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        browsers.add(browser);
        var page = new Page(label, browser,
                (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(ChatClient.TIMEOUT_SECONDS), Duration.ofMillis(100))
                        .ignoring(StaleElementReferenceException.class));
        browser.get(Loopback.of(base).toExternalForm());
        page.waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("signup-form")));
        return page;
    }

    private Path picture() throws IOException {
        var image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(0x0b57b3));
        graphics.fillRect(0, 0, 32, 24);
        graphics.dispose();
        Path file = temp.resolve("blue square.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** One person's browser on the chat page. */
    private record Page(String label, WebDriver browser, WebDriverWait waits) {

        /** Signs up a new user from the page (then the page signs in); returns the username. */
        String signUp(String question, String answer) {
            String username = ChatClient.uniqueName(label);
            browser.findElement(By.id("signup-username")).sendKeys(username);
            browser.findElement(By.id("signup-password")).sendKeys(PASSWORD);
            if (question != null) {
                browser.findElement(By.id("signup-question")).sendKeys(question);
                browser.findElement(By.id("signup-answer")).sendKeys(answer);
            }
            click(By.cssSelector("#signup-form button"));
            waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
            awaitText(By.id("me"), username);
            return username;
        }

        void signIn(String username, String password) {
            browser.findElement(By.id("signin-username")).clear();
            browser.findElement(By.id("signin-username")).sendKeys(username);
            browser.findElement(By.id("signin-password")).sendKeys(password);
            click(By.cssSelector("#signin-form button"));
            waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        }

        long myId() {
            waits.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("me")), "data-id"));
            return Long.parseLong(browser.findElement(By.id("me")).getAttribute("data-id"));
        }

        void find(String field, String value) {
            WebElement fieldInput = browser.findElement(By.id("find-field"));
            fieldInput.clear();
            fieldInput.sendKeys(field);
            browser.findElement(By.id("find-value")).sendKeys(value);
            click(By.cssSelector("#find-form button"));
        }

        void type(String text) {
            WebElement box = browser.findElement(By.id("composer-text"));
            waits.until(ExpectedConditions.visibilityOf(box));
            box.sendKeys(text);
        }

        void click(By element) {
            waits.until(ExpectedConditions.elementToBeClickable(element)).click();
        }

        void awaitText(By element, String text) {
            waits.until(ExpectedConditions.textToBePresentInElementLocated(element, text));
        }

        void awaitStatus(String text) {
            awaitText(By.id("status"), text);
        }

        void awaitAttribute(By element, String attribute, String value) {
            waits.until(ExpectedConditions.attributeToBe(element, attribute, value));
        }

        Object script(String script) {
            return ((JavascriptExecutor) browser).executeScript(script);
        }

        List<String> messages() {
            return browser.findElements(By.cssSelector("#messages li.message .body")).stream()
                    .map(WebElement::getText).toList();
        }
    }
}
