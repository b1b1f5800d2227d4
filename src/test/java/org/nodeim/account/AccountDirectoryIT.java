package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.nodeim.testing.ChatClient.json;
import static org.nodeim.testing.ChatClient.uniqueName;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;

/** find, profile, retrieve, the limits on what users store, and the throttle on guessing. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountDirectoryIT {

    static final int ACCOUNT_FAILURES = 3;
    static final int ADDRESS_FAILURES = 8;
    static final int LOCK_SECONDS = 2;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(
                "nodeim.throttle.account-failures=" + ACCOUNT_FAILURES,
                "nodeim.throttle.address-failures=" + ADDRESS_FAILURES,
                "nodeim.throttle.lock-seconds=" + LOCK_SECONDS);
    }

    @ArquillianResource
    URL base;

    private ChatClient client;

    @BeforeEach
    void connect() {
        client = ChatClient.connect(base);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private String signedInUser(Object... extraFields) {
        String name = uniqueName("me");
        var signup = json("username", name, "password", "pw");
        var withExtras = json(extraFields);
        withExtras.keys().forEachRemaining(key -> copy(withExtras, (String) key, signup));
        assertThat(client.call("signup", signup).optInt("code")).isEqualTo(200);
        client.signIn(name, "pw");
        return name;
    }

    private static void copy(JSONObject from, String key, JSONObject to) {
        try {
            to.put(key, from.get(key));
        } catch (org.json.JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JSONObject> find(JSONObject query) {
        var reply = client.call("find", query);
        assertThat(reply.optInt("code")).as("find %s: %s", query, reply).isEqualTo(200);
        JSONArray users = reply.optJSONArray("users");
        var list = new ArrayList<JSONObject>();
        for (int i = 0; i < users.length(); i++) {
            list.add(users.optJSONObject(i));
        }
        return list;
    }

    @Test
    void findByUsernameIdAndExtraFieldsExactly() {
        signedInUser();
        String tag = uniqueName("tag");
        String name = uniqueName("zoe");
        long id = client.call("signup", json("username", name, "password", "pw", "team", tag, "level", 3,
                "answer", "secret", "question", "q")).optLong("id");
        client.call("signup", json("username", uniqueName("yan"), "password", "pw", "team", tag, "level", 4));

        assertThat(find(json("username", name))).extracting(u -> u.optLong("id")).containsExactly(id);
        assertThat(find(json("id", id))).extracting(u -> u.optString("username")).containsExactly(name);
        assertThat(find(json("team", tag))).hasSize(2);
        assertThat(find(json("team", tag, "level", 3))).extracting(u -> u.optLong("id")).containsExactly(id);
        assertThat(find(json("team", tag, "username", name, "id", id))).hasSize(1);
        assertThat(find(json("team", tag.toUpperCase()))).isEmpty();
        assertThat(find(json("team", tag, "level", "3"))).as("a string is not a number").isEmpty();

        JSONObject found = find(json("username", name)).get(0);
        assertThat(found.has("password")).isFalse();
        assertThat(found.has("answer")).isFalse();
        assertThat(found.toString()).doesNotContain("argon2").doesNotContain("secret");
        assertThat(found.has("question")).as("the security question is for retrieve only").isFalse();
        assertThat(found.optString("team")).isEqualTo(tag);
        assertThat(find(json("team", tag, "question", "q"))).as("nor is it searchable").isEmpty();
    }

    @Test
    void queryOperatorsAndSecretsMatchNothing() {
        signedInUser();
        String tag = uniqueName("op");
        client.call("signup", json("username", uniqueName("u"), "password", "pw", "team", tag, "answer", "a", "question", "q"));
        assertThat(find(json("username", json("$ne", JSONObject.NULL)))).isEmpty();
        assertThat(find(json("team", json("$gt", "")))).isEmpty();
        assertThat(find(json("team", new JSONArray().put(tag)))).isEmpty();
        assertThat(find(json("id", json("$gt", 0)))).isEmpty();
        assertThat(find(json("team", tag, "password", "pw"))).isEmpty();
        assertThat(find(json("team", tag, "answer", "a"))).isEmpty();
        assertThat(find(json("team", tag, "username", json("$regex", ".*")))).isEmpty();
    }

    @Test
    void findReturnsAtMostThirtyUsers() {
        signedInUser();
        String tag = uniqueName("many");
        for (int i = 0; i < 31; i++) {
            client.call("signup", json("username", uniqueName("m"), "password", "pw", "crowd", tag));
        }
        assertThat(find(json("crowd", tag))).hasSize(30);
        assertThat(find(new JSONObject())).hasSize(30).allSatisfy(user -> assertThat(user.has("password")).isFalse());
    }

    @Test
    void profileMergesAndShowsInSigninAndFind() {
        String name = signedInUser("city", "Lyon", "pets", 1);
        var reply = client.call("profile", json("doc", json("city", "Paris", "mood", "happy", "pets", JSONObject.NULL)));
        assertThat(reply.optInt("code")).isEqualTo(200);

        JSONObject doc = find(json("username", name)).get(0);
        assertThat(doc.optString("city")).isEqualTo("Paris");
        assertThat(doc.optString("mood")).isEqualTo("happy");
        assertThat(doc.has("pets")).isFalse();
        assertThat(find(json("city", "Paris", "username", name))).hasSize(1);

        try (var other = ChatClient.connect(base)) {
            assertThat(other.signIn(name, "pw").optJSONObject("doc").optString("city")).isEqualTo("Paris");
        }
    }

    @Test
    void profileIgnoresProtectedFieldsSoAWholeDocumentCanBeSentBack() {
        String name = signedInUser("city", "Lyon");
        JSONObject doc = find(json("username", name)).get(0);
        long id = doc.optLong("id");
        var sentBack = json("id", id + 1000, "username", "hijack-" + name, "password", "changed",
                "answer", "changed", "city", "Nice");
        doc.keys().forEachRemaining(key -> {
            if (!sentBack.has((String) key)) {
                copy(doc, (String) key, sentBack);
            }
        });
        assertThat(client.call("profile", json("doc", sentBack)).optInt("code")).isEqualTo(200);

        JSONObject after = find(json("id", id)).get(0);
        assertThat(after.optString("username")).isEqualTo(name);
        assertThat(after.optString("city")).isEqualTo("Nice");
        assertThat(after.has("password")).isFalse();
        assertThat(after.has("answer")).isFalse();
        assertThat(find(json("username", "hijack-" + name))).isEmpty();
        try (var other = ChatClient.connect(base)) {
            assertThat(other.signIn(name, "pw").optInt("code")).isEqualTo(200);
        }
    }

    @Test
    void profileWithoutDocIs404AndABadDocIs400() {
        signedInUser();
        assertThat(client.call("profile", new JSONObject()).optInt("code")).isEqualTo(404);
        assertThat(client.call("profile", json("doc", "text")).optInt("code")).isEqualTo(400);
        assertThat(client.call("profile", json("doc", json("big", "x".repeat(17 * 1024)))).optInt("code")).isEqualTo(400);
        assertThat(client.call("profile", json("doc", json("n".repeat(65), 1))).optInt("code")).isEqualTo(400);
        assertThat(client.call("profile", json("doc", json("ok", 1))).optInt("code")).isEqualTo(200);
    }

    @Test
    void profileNeedsASignin() {
        assertThat(client.call("profile", json("doc", json("a", 1))).optInt("code")).isEqualTo(403);
        assertThat(client.call("find", new JSONObject()).optInt("code")).isEqualTo(403);
    }

    @Test
    void retrieveGivesTheQuestionThenResetsThePasswordWithTheRightAnswer() {
        String name = uniqueName("forgetful");
        client.call("signup", json("username", name, "password", "old", "question", "Pet's name?", "answer", "Rex"));

        var question = client.call("retrieve", json("username", name));
        assertThat(question.optInt("code")).isEqualTo(200);
        assertThat(question.optString("question")).isEqualTo("Pet's name?");
        assertThat(question.has("answer")).isFalse();

        assertThat(client.call("retrieve", json("username", name, "answer", "Max", "newpassword", "new")).optInt("code"))
                .isEqualTo(406);
        assertThat(client.call("retrieve", json("username", name, "answer", "Rex", "newpassword", "new")).optInt("code"))
                .isEqualTo(200);

        assertThat(client.call("signin", json("username", name, "password", "old")).optInt("code")).isEqualTo(404);
        var signin = client.call("signin", json("username", name, "password", "new"));
        assertThat(signin.optInt("code")).isEqualTo(200);
        assertThat(signin.optJSONObject("doc").optString("question")).isEqualTo("Pet's name?");
    }

    @Test
    void retrieveOfAnUnknownUserIs404AndWithoutQuestion405() {
        assertThat(client.call("retrieve", json("username", uniqueName("ghost"))).optInt("code")).isEqualTo(404);
        assertThat(client.call("retrieve", json("username", uniqueName("ghost"), "answer", "a", "newpassword", "b"))
                .optInt("code")).isEqualTo(404);
        String name = uniqueName("noq");
        client.signUp(name, "pw");
        assertThat(client.call("retrieve", json("username", name)).optInt("code")).isEqualTo(405);
        assertThat(client.call("retrieve", json("username", name, "answer", "a", "newpassword", "b")).optInt("code"))
                .isEqualTo(405);
        String questionOnly = uniqueName("qonly");
        client.call("signup", json("username", questionOnly, "password", "pw", "question", "why?"));
        assertThat(client.call("retrieve", json("username", questionOnly)).optInt("code")).isEqualTo(405);
    }

    @Test
    void usernamesAreLimitedAndComparedExactly() {
        assertThat(client.call("signup", json("username", "x".repeat(65), "password", "pw")).optInt("code")).isEqualTo(400);
        assertThat(client.call("signup", json("username", "bad\nname", "password", "pw")).optInt("code")).isEqualTo(400);
        assertThat(client.call("signup", json("username", "nul\u0000", "password", "pw")).optInt("code")).isEqualTo(400);
        String name = uniqueName("Case");
        client.signUp(name, "pw");
        client.signUp(name.toLowerCase(), "pw");
        assertThat(client.call("signup", json("username", name + " ", "password", "pw")).optInt("code")).isEqualTo(400);
        assertThat(client.call("signin", json("username", name.toUpperCase(), "password", "pw")).optInt("code")).isEqualTo(404);
        client.signUp("x".repeat(40) + System.nanoTime() % 1_000_000, "pw");
    }

    @Test
    void documentsAreLimitedTo16KiB() {
        var big = json("username", uniqueName("big"), "password", "pw", "bio", "x".repeat(16 * 1024));
        assertThat(client.call("signup", big).optInt("code")).isEqualTo(400);
        var fine = json("username", uniqueName("fine"), "password", "pw", "bio", "x".repeat(15 * 1024));
        assertThat(client.call("signup", fine).optInt("code")).isEqualTo(200);
        assertThat(client.call("signup", json("username", uniqueName("p"), "password", "p".repeat(2000))).optInt("code"))
                .isEqualTo(400);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String name = uniqueName("target");
        client.signUp(name, "right");
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            assertThat(client.call("signin", json("username", name, "password", "wrong" + i)).optInt("code")).isEqualTo(404);
        }
        var locked = client.call("signin", json("username", name, "password", "right"));
        assertThat(locked.optInt("code")).isEqualTo(429);
        assertThat(locked.optString("message")).isNotBlank();

        await().atMost(Duration.ofSeconds(LOCK_SECONDS * 5L)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.call("signin", json("username", name, "password", "right")).optInt("code") == 200);
    }

    @Test
    void repeatedWrongAnswersLockRecovery() {
        String name = uniqueName("recover");
        client.call("signup", json("username", name, "password", "pw", "question", "q", "answer", "right"));
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            assertThat(client.call("retrieve", json("username", name, "answer", "no" + i, "newpassword", "x")).optInt("code"))
                    .isEqualTo(406);
        }
        assertThat(client.call("retrieve", json("username", name, "answer", "right", "newpassword", "x")).optInt("code"))
                .isEqualTo(429);
        await().atMost(Duration.ofSeconds(LOCK_SECONDS * 5L)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.call("retrieve", json("username", name, "answer", "right", "newpassword", "x"))
                        .optInt("code") == 200);
    }

    @Test
    void repeatedFailuresFromOneAddressLockIt() {
        String innocent = uniqueName("innocent");
        client.signUp(innocent, "pw");
        int attempts = 0;
        int code = 0;
        while (attempts < ADDRESS_FAILURES + 1 && code != 429) {
            code = client.call("signin", json("username", uniqueName("guess"), "password", "x")).optInt("code");
            attempts++;
        }
        assertThat(code).as("after %d failures", attempts).isEqualTo(429);
        assertThat(client.call("signin", json("username", innocent, "password", "pw")).optInt("code")).isEqualTo(429);
        await().atMost(Duration.ofSeconds(LOCK_SECONDS * 5L)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.call("signin", json("username", innocent, "password", "pw")).optInt("code") == 200);
    }

    @Test
    void lookingUpUnknownNamesIsThrottledLikeGuessing() {
        String known = uniqueName("known");
        client.call("signup", json("username", known, "password", "pw", "question", "q", "answer", "a"));
        int attempts = 0;
        int code = 0;
        while (attempts < ADDRESS_FAILURES + 1 && code != 429) {
            code = client.call("retrieve", json("username", uniqueName("nobody"))).optInt("code");
            attempts++;
        }
        assertThat(code).as("after %d look-ups of unknown names", attempts).isEqualTo(429);
        assertThat(client.call("retrieve", json("username", known)).optInt("code")).isEqualTo(429);
        await().atMost(Duration.ofSeconds(LOCK_SECONDS * 5L)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.call("retrieve", json("username", known)).optInt("code") == 200);
    }
}
