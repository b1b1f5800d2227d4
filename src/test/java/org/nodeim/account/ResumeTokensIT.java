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
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Users;

/** Resume tokens (PROTOCOL.md section 6): given by a password signin, signing in like it, revoked. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ResumeTokensIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void aTokenSignsInLikeThePasswordWithTheSameSideEffects() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            Users.befriend(ann, bob);
            long room = ann.client().call("room.create", json("name", uniqueName("r"))).optJSONObject("room").optLong("id");
            String token;
            JSONObject byPassword;
            try (var device = ChatClient.connect(base)) {
                byPassword = device.signIn(ann.name(), "pw");
                token = byPassword.optString("token");
                assertThat(token).hasSizeGreaterThanOrEqualTo(22).isNotEqualTo("pw").doesNotContain(ann.name());
            }
            ann.goOffline();
            assertThat(bob.client().nextEvent("presence").optString("presence")).isEqualTo("offline");
            assertThat(bob.client().call("message", json("to", ann.id(), "message", "while you were away")).optInt("code"))
                    .isEqualTo(200);

            try (var back = ChatClient.connect(base)) {
                JSONObject byToken = back.call("signin", json("token", token));
                assertThat(byToken.optInt("code")).isEqualTo(200);
                assertThat(byToken.optJSONObject("doc").toString()).isEqualTo(byPassword.optJSONObject("doc").toString());
                assertThat(byToken.optJSONArray("rooms").optJSONObject(0).optLong("id")).isEqualTo(room);
                assertThat(byToken.optString("token")).as("a token does not change when used").isEqualTo(token);
                assertThat(back.nextEvent("message").optString("message")).isEqualTo("while you were away");
                assertThat(bob.client().nextEvent("presence").optString("presence")).isEqualTo("online");
                assertThat(back.call("friends", new JSONObject()).optJSONArray("list").optJSONObject(0).optLong("id"))
                        .isEqualTo(bob.id());
            }
        }
    }

    @Test
    void oneTokenSignsInSeveralConnectionsAtOnce() {
        String name = uniqueName("many");
        try (var first = ChatClient.connect(base); var second = ChatClient.connect(base);
             var third = ChatClient.connect(base)) {
            first.signUp(name, "pw");
            String token = first.signIn(name, "pw").optString("token");
            assertThat(second.call("signin", json("token", token)).optInt("code")).isEqualTo(200);
            assertThat(third.call("signin", json("token", token)).optInt("code")).isEqualTo(200);
            assertThat(third.call("signin", json("token", token)).optInt("code")).as("already signed in").isEqualTo(402);
        }
    }

    @Test
    void everyPasswordSigninGivesItsDeviceAnotherToken() {
        String name = uniqueName("two");
        try (var phone = ChatClient.connect(base); var laptop = ChatClient.connect(base)) {
            phone.signUp(name, "pw");
            String one = phone.signIn(name, "pw").optString("token");
            String other = laptop.signIn(name, "pw").optString("token");
            assertThat(one).isNotEqualTo(other);
        }
    }

    @Test
    void unknownOrMalformedTokensAre404AndAMissingOneIs403() {
        try (var client = ChatClient.connect(base)) {
            assertThat(client.call("signin", json("token", "A".repeat(43))).optInt("code")).isEqualTo(404);
            assertThat(client.call("signin", json("token", "not a token")).optInt("code")).isEqualTo(404);
            assertThat(client.call("signin", json("token", "")).optInt("code")).isEqualTo(403);
            assertThat(client.call("signin", json("token", 42)).optInt("code")).isEqualTo(400);
            assertThat(client.call("friends", new JSONObject()).optInt("code")).as("still signed out").isEqualTo(403);
        }
    }

    @Test
    void signoutRevokesTheTokenOfThisDeviceOnly() {
        String name = uniqueName("out");
        try (var phone = ChatClient.connect(base); var laptop = ChatClient.connect(base);
             var later = ChatClient.connect(base)) {
            phone.signUp(name, "pw");
            String phoneToken = phone.signIn(name, "pw").optString("token");
            String laptopToken = laptop.signIn(name, "pw").optString("token");
            assertThat(phone.call("signout", new JSONObject()).optInt("code")).isEqualTo(200);

            assertThat(later.call("signin", json("token", phoneToken)).optInt("code")).isEqualTo(404);
            assertThat(laptop.call("friends", new JSONObject()).optInt("code")).as("the laptop stays signed in").isEqualTo(200);
            assertThat(later.call("signin", json("token", laptopToken)).optInt("code")).isEqualTo(200);
        }
    }

    @Test
    void signoutEverywhereRevokesEveryTokenAndSignsOutEveryConnection() {
        String name = uniqueName("all");
        try (var phone = ChatClient.connect(base); var laptop = ChatClient.connect(base);
             var later = ChatClient.connect(base)) {
            phone.signUp(name, "pw");
            String phoneToken = phone.signIn(name, "pw").optString("token");
            String laptopToken = laptop.signIn(name, "pw").optString("token");
            assertThat(phone.call("signout", json("everywhere", true)).optInt("code")).isEqualTo(200);

            assertThat(laptop.call("friends", new JSONObject()).optInt("code")).isEqualTo(403);
            assertThat(phone.call("friends", new JSONObject()).optInt("code")).isEqualTo(403);
            assertThat(later.call("signin", json("token", phoneToken)).optInt("code")).isEqualTo(404);
            assertThat(later.call("signin", json("token", laptopToken)).optInt("code")).isEqualTo(404);
            assertThat(later.call("signin", json("username", name, "password", "pw")).optInt("code"))
                    .as("the password still signs in").isEqualTo(200);
        }
    }

    @Test
    void aPasswordResetByTheSecurityAnswerRevokesEveryToken() {
        String name = uniqueName("reset");
        try (var client = ChatClient.connect(base); var later = ChatClient.connect(base)) {
            client.call("signup", json("username", name, "password", "pw", "question", "pet?", "answer", "cat"));
            String token = client.signIn(name, "pw").optString("token");
            assertThat(later.call("retrieve", json("username", name, "answer", "cat", "newpassword", "new")).optInt("code"))
                    .isEqualTo(200);
            assertThat(later.call("signin", json("token", token)).optInt("code")).isEqualTo(404);
            assertThat(later.call("signin", json("username", name, "password", "new")).optString("token"))
                    .isNotEmpty().isNotEqualTo(token);
        }
    }
}
