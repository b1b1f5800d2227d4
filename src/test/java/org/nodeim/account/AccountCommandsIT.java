package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;
import static org.nodeim.testing.ChatClient.uniqueName;

import java.net.URL;
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

/** Signup, signin and signout over Socket.IO, in both calling forms, with every code. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountCommandsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
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

    @Test
    void signupReturnsANewPositiveId() {
        long first = client.signUp(uniqueName("ann"), "pw");
        long second = client.signUp(uniqueName("bob"), "pw");
        assertThat(first).isPositive();
        assertThat(second).isPositive().isNotEqualTo(first);
    }

    @Test
    void signupOfATakenUsernameIs405() {
        String name = uniqueName("taken");
        client.signUp(name, "pw");
        var reply = client.call("signup", json("username", name, "password", "other"));
        assertThat(reply.optInt("code")).isEqualTo(405);
        assertThat(reply.optString("message")).isNotBlank();
    }

    @Test
    void signupWithoutUsernameOrPasswordIs403() {
        assertThat(client.call("signup", json("password", "pw")).optInt("code")).isEqualTo(403);
        assertThat(client.call("signup", json("username", uniqueName("x"))).optInt("code")).isEqualTo(403);
        assertThat(client.call("signup", json("username", "", "password", "pw")).optInt("code")).isEqualTo(403);
        assertThat(client.call("signup", new JSONObject()).optInt("code")).isEqualTo(403);
    }

    @Test
    void signinReturnsTheDocumentWithExtraFieldsAndNoSecrets() {
        String name = uniqueName("carol");
        var signup = client.call("signup", json("username", name, "password", "pw", "question", "pet?",
                "answer", "cat", "city", "Lyon", "age", 33));
        long id = signup.optLong("id");

        var reply = client.signIn(name, "pw");
        JSONObject doc = reply.optJSONObject("doc");
        assertThat(doc.optLong("id")).isEqualTo(id);
        assertThat(doc.optString("username")).isEqualTo(name);
        assertThat(doc.optString("city")).isEqualTo("Lyon");
        assertThat(doc.optInt("age")).isEqualTo(33);
        assertThat(doc.optString("question")).isEqualTo("pet?");
        assertThat(doc.has("password")).isFalse();
        assertThat(doc.has("answer")).isFalse();
        assertThat(reply.toString()).doesNotContain("argon2").doesNotContain("cat\"");
        assertThat(reply.optJSONArray("rooms")).isInstanceOf(JSONArray.class);
    }

    @Test
    void signinById() {
        String name = uniqueName("dan");
        long id = client.signUp(name, "pw");
        var reply = client.call("signin", json("id", id, "password", "pw"));
        assertThat(reply.optInt("code")).isEqualTo(200);
        assertThat(reply.optJSONObject("doc").optString("username")).isEqualTo(name);
    }

    @Test
    void signinWithAWrongPasswordOrAnUnknownUserIs404() {
        String name = uniqueName("eve");
        long id = client.signUp(name, "right");
        assertThat(client.call("signin", json("username", name, "password", "wrong")).optInt("code")).isEqualTo(404);
        assertThat(client.call("signin", json("id", id, "password", "wrong")).optInt("code")).isEqualTo(404);
        assertThat(client.call("signin", json("username", uniqueName("nobody"), "password", "x")).optInt("code")).isEqualTo(404);
        assertThat(client.call("signin", json("id", Long.MAX_VALUE / 2, "password", "x")).optInt("code")).isEqualTo(404);
        assertThat(client.signIn(name, "right").optInt("code")).isEqualTo(200);
    }

    @Test
    void signinWithoutCredentialsIs403() {
        assertThat(client.call("signin", json("username", uniqueName("f"))).optInt("code")).isEqualTo(403);
        assertThat(client.call("signin", json("password", "pw")).optInt("code")).isEqualTo(403);
        assertThat(client.call("signin", new JSONObject()).optInt("code")).isEqualTo(403);
    }

    @Test
    void signinTwiceOnOneConnectionIs402() {
        String name = uniqueName("gus");
        client.signUp(name, "pw");
        client.signIn(name, "pw");
        assertThat(client.call("signin", json("username", name, "password", "pw")).optInt("code")).isEqualTo(402);
    }

    @Test
    void signoutThenCommandsNeedASigninAgain() {
        String name = uniqueName("hal");
        client.signUp(name, "pw");
        client.signIn(name, "pw");
        assertThat(client.call("signout", new JSONObject()).optInt("code")).isEqualTo(200);
        var reply = client.call("signout", new JSONObject());
        assertThat(reply.optInt("code")).isEqualTo(403);
        assertThat(reply.optString("message")).isEqualTo("not signed in");
        assertThat(client.signIn(name, "pw").optInt("code")).isEqualTo(200);
    }

    @Test
    void commandsOtherThanSignupSigninRetrieveNeedASignin() {
        var reply = client.call("signout", new JSONObject());
        assertThat(reply.optInt("code")).isEqualTo(403);
        assertThat(reply.optString("message")).isEqualTo("not signed in");
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void nodeimFormIsAnsweredByRspnWithIdAndCommand() {
        String name = uniqueName("ivy");
        var signup = client.command("signup", json("username", name, "password", "pw"));
        assertThat(signup.optString("cmd")).isEqualTo("signup");
        assertThat(signup.optJSONObject("data").optInt("code")).isEqualTo(200);

        var signin = client.command("signin", json("username", name, "password", "pw"));
        assertThat(signin.optString("cmd")).isEqualTo("signin");
        assertThat(signin.optJSONObject("data").optJSONObject("doc").optString("username")).isEqualTo(name);

        var signout = client.command("signout", null);
        assertThat(signout.optJSONObject("data").optInt("code")).isEqualTo(200);
    }

    @Test
    void nodeimFormErrorsComeBackTheSameWay() {
        var unknown = client.command("no.such.command", new JSONObject());
        assertThat(unknown.optJSONObject("data").optInt("code")).isEqualTo(400);
        assertThat(unknown.optString("cmd")).isEqualTo("no.such.command");
        var notSignedIn = client.command("signout", new JSONObject());
        assertThat(notSignedIn.optJSONObject("data").optInt("code")).isEqualTo(403);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void unknownCommandIs400AndTheConnectionStaysUsable() {
        var reply = client.call("no.such.command", new JSONObject());
        assertThat(reply.optInt("code")).isEqualTo(400);
        assertThat(reply.optString("message")).isNotBlank();
        String name = uniqueName("jay");
        client.signUp(name, "pw");
        assertThat(client.signIn(name, "pw").optInt("code")).isEqualTo(200);
    }

    @Test
    void dataThatIsNotAnObjectIs400BeforeTheSigninCheck() {
        assertThat(client.call("signin", "text").optInt("code")).isEqualTo(400);
        assertThat(client.call("signout", 42).optInt("code")).isEqualTo(400);
        assertThat(client.call("signout", new JSONArray()).optInt("code")).isEqualTo(400);
        assertThat(client.call("signout", JSONObject.NULL).optInt("code")).isEqualTo(400);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void unknownCommandIsCheckedBeforeData() {
        assertThat(client.call("no.such.command", "text").optString("message")).isEqualTo("unknown command");
    }

    @Test
    void absentDataIsAnEmptyObject() {
        var reply = client.call("signin");
        assertThat(reply.optInt("code")).isEqualTo(403);
        assertThat(reply.optString("message")).isNotEqualTo("not signed in");
    }

    @Test
    void wrongTypesAre400AndNothingBreaks() {
        assertThat(client.call("signup", json("username", 12, "password", "pw")).optInt("code")).isEqualTo(400);
        assertThat(client.call("signup", json("username", uniqueName("k"), "password", new JSONArray())).optInt("code")).isEqualTo(400);
        assertThat(client.call("signin", json("username", new JSONObject(), "password", "pw")).optInt("code")).isEqualTo(400);
        String name = uniqueName("kim");
        client.signUp(name, "pw");
        assertThat(client.signIn(name, "pw").optInt("code")).isEqualTo(200);
    }

    @Test
    void oneUserOnTwoConnectionsIsSignedInOnBoth() {
        String name = uniqueName("lea");
        client.signUp(name, "pw");
        try (var phone = ChatClient.connect(base)) {
            assertThat(client.signIn(name, "pw").optInt("code")).isEqualTo(200);
            assertThat(phone.signIn(name, "pw").optInt("code")).isEqualTo(200);
            assertThat(phone.call("signout", new JSONObject()).optInt("code")).isEqualTo(200);
            assertThat(client.call("signout", new JSONObject()).optInt("code")).as("still signed in on the other").isEqualTo(200);
        }
    }

    @Test
    void disconnectSignsTheConnectionOut() {
        String name = uniqueName("max");
        client.signUp(name, "pw");
        var phone = ChatClient.connect(base);
        phone.signIn(name, "pw");
        phone.close();
        try (var again = ChatClient.connect(base)) {
            assertThat(again.signIn(name, "pw").optInt("code")).isEqualTo(200);
        }
    }
}
