package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Users;

/**
 * {@code block}, {@code unblock}, {@code blocked}: what a blocked user sends never reaches the
 * user who blocked them, and the blocked user's answers do not tell. Every "nothing arrived" is
 * checked after a later event from someone else did arrive on the same connection.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BlockingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void aBlockedUserReachesTheBlockerNoMoreAndGetsTheAnswersOfSilence() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var cat = Users.signedIn(base, "cat")) {
            Users.befriend(ann, bob);
            Users.befriend(ann, cat);
            long room = ann.client().call("room.create", json("name", "blocking")).optJSONObject("room").optLong("id");
            for (Users.User member : List.of(bob, cat)) {
                assertThat(member.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            }
            drain(ann.client());

            assertThat(ann.client().call("block", json("id", bob.id())).optInt("code")).isEqualTo(200);
            JSONArray blocked = ann.client().call("blocked", new JSONObject()).optJSONArray("users");
            assertThat(blocked.length()).isEqualTo(1);
            assertThat(blocked.optJSONObject(0).optString("username")).isEqualTo(bob.name());

            // every answer is the one an offline recipient gives
            assertThat(bob.client().call("message", json("to", ann.id(), "message", "from bob")).optInt("code")).isEqualTo(200);
            JSONObject typing = bob.client().call("typing", json("to", ann.id()));
            assertThat(typing.optInt("code")).isEqualTo(200);
            assertThat(typing.optBoolean("sent")).isTrue();
            assertThat(bob.client().call("presence", json("presence", "busy")).optInt("code")).isEqualTo(200);
            assertThat(bob.client().call("room.message", json("id", room, "message", "bob in the room")).optInt("code"))
                    .isEqualTo(200);
            assertThat(cat.client().nextEvent("message").optString("message")).as("others still hear bob")
                    .isEqualTo("bob in the room");
            assertThat(bob.client().call("typing", json("room", room)).optInt("code")).isEqualTo(200);
            assertThat(cat.client().nextEvent("typing").optLong("from")).isEqualTo(bob.id());

            assertThat(cat.client().call("message", json("to", ann.id(), "message", "from cat")).optInt("code")).isEqualTo(200);
            assertThat(ann.client().nextEvent("message").optString("message")).as("the first thing ann hears")
                    .isEqualTo("from cat");
            assertThat(ann.client().events("message")).isEmpty();
            assertThat(ann.client().events("typing")).isEmpty();
            assertThat(ann.client().events("presence")).isEmpty();

            // what ann reads: bob offline among her friends, none of his room messages
            JSONArray friends = ann.client().call("friends", new JSONObject()).optJSONArray("list");
            for (int i = 0; i < friends.length(); i++) {
                JSONObject friend = friends.optJSONObject(i);
                assertThat(friend.optString("presence")).as(friend.optString("username"))
                        .isEqualTo(friend.optLong("id") == bob.id() ? "offline" : "online");
            }
            assertThat(texts(ann.client().call("log", json("room", room)))).doesNotContain("bob in the room");
            assertThat(texts(cat.client().call("log", json("room", room)))).contains("bob in the room");
            assertThat(texts(ann.client().call("search", json("room", room, "text", "room")))).isEmpty();
            assertThat(texts(ann.client().call("log", json("from", bob.id())))).doesNotContain("from bob");

            // what waits for ann while she is away leaves bob out too
            ann.goOffline();
            bob.client().call("room.message", json("id", room, "message", "bob while ann is away"));
            cat.client().call("room.message", json("id", room, "message", "cat while ann is away"));
            var annAgain = ChatClient.connect(base);
            try {
                annAgain.signIn(ann.name(), "pw");
                // the backlog comes oldest first: bob's message, stored before cat's, would come first
                assertThat(annAgain.nextEvent("message").optString("message")).isEqualTo("cat while ann is away");

                // unblocked, bob is heard again
                assertThat(annAgain.call("unblock", json("id", bob.id())).optInt("code")).isEqualTo(200);
                assertThat(annAgain.call("blocked", new JSONObject()).optJSONArray("users").length()).isZero();
                bob.client().call("message", json("to", ann.id(), "message", "heard again"));
                assertThat(annAgain.nextEvent("message").optString("message")).isEqualTo("heard again");
            } finally {
                annAgain.close();
            }
        }
    }

    @Test
    void aBlockedUsersFriendRequestIsAnsweredAsUsualAndNeverArrives() {
        try (var ann = Users.signedIn(base, "ann"); var dan = Users.signedIn(base, "dan");
             var eve = Users.signedIn(base, "eve")) {
            assertThat(ann.client().call("block", json("id", dan.id())).optInt("code")).isEqualTo(200);
            assertThat(dan.client().call("subscribe", json("to", ann.id(), "message", "hi")).optInt("code")).isEqualTo(200);
            assertThat(eve.client().call("subscribe", json("to", ann.id())).optInt("code")).isEqualTo(200);
            JSONObject first = ann.client().nextEvent("message");
            assertThat(first.optString("type")).isEqualTo("request-subscription");
            assertThat(first.optJSONObject("from").optLong("id")).as("eve's request, not dan's").isEqualTo(eve.id());
            assertThat(ann.client().events("message")).isEmpty();
        }
    }

    @Test
    void blockCodes() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            assertThat(ann.client().call("block", new JSONObject()).optInt("code")).isEqualTo(403);
            assertThat(ann.client().call("block", json("id", 999_999_999L)).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("block", json("id", ann.id())).optInt("code")).as("oneself").isEqualTo(404);
            assertThat(ann.client().call("block", json("id", "x")).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("unblock", json("id", bob.id())).optInt("code")).as("not blocked").isEqualTo(200);
            assertThat(ann.client().call("block", json("to", bob.id())).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("block", json("id", bob.id())).optInt("code")).as("again").isEqualTo(200);
            assertThat(ann.client().call("blocked", new JSONObject()).optJSONArray("users").length()).isEqualTo(1);
            assertThat(ann.client().call("unblock", new JSONObject()).optInt("code")).isEqualTo(403);
        }
    }

    /** Consumes the events that came so far: the next ones are what the test caused. */
    private static void drain(ChatClient client) {
        client.call("friends", new JSONObject());
        client.events("message").clear();
        client.events("presence").clear();
        client.events("room.join").clear();
    }

    private static List<String> texts(JSONObject reply) {
        assertThat(reply.optInt("code")).as("%s", reply).isEqualTo(200);
        var texts = new ArrayList<String>();
        JSONArray docs = reply.optJSONArray("docs");
        for (int i = 0; i < docs.length(); i++) {
            texts.add(docs.optJSONObject(i).optString("message"));
        }
        return texts;
    }
}
