package org.nodeim.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.net.URL;
import java.util.concurrent.TimeUnit;
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
import org.nodeim.testing.RawSocket;
import org.nodeim.testing.Users;

/** Friend requests, answers, friendships, groups and presence, with two and three users. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContactsIT {

    static final long PING_INTERVAL = 1000;
    static final long PING_TIMEOUT = 1000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(
                "nodeim.protocol.ping-interval=" + PING_INTERVAL,
                "nodeim.protocol.ping-timeout=" + PING_TIMEOUT);
    }

    @ArquillianResource
    URL base;

    @Test
    void subscribeNotifiesTheOtherUserWithTheMessage() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            assertThat(ann.client().call("subscribe", json("to", bob.id(), "message", "<i>hi</i> it's Ann")).optInt("code"))
                    .isEqualTo(200);
            JSONObject request = bob.client().nextEvent("message");
            assertThat(request.optString("type")).isEqualTo("request-subscription");
            assertThat(request.optString("message")).isEqualTo("<i>hi</i> it's Ann");
            assertThat(request.optLong("to")).isEqualTo(bob.id());
            assertThat(request.optJSONObject("from").optLong("id")).isEqualTo(ann.id());
            assertThat(request.optJSONObject("from").optString("username")).isEqualTo(ann.name());
            assertThat(request.optLong("time")).isPositive();
            assertThat(request.has("room")).isFalse();
        }
    }

    @Test
    void subscribeCodes() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            assertThat(ann.client().call("subscribe", new JSONObject()).optInt("code")).isEqualTo(403);
            assertThat(ann.client().call("subscribe", json("to", ann.id())).optInt("code")).isEqualTo(403);
            assertThat(ann.client().call("subscribe", json("to", Long.MAX_VALUE - 1)).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("subscribe", json("to", "nobody")).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("subscribe", json("to", bob.id())).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("subscribe", json("to", bob.id())).optInt("code")).isEqualTo(306);
            assertThat(bob.client().nextEvent("message").optString("type")).isEqualTo("request-subscription");
            assertThat(bob.client().call("reply", json("to", ann.id())).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("subscribe", json("to", bob.id())).optInt("code")).as("already friends").isEqualTo(306);
            assertThat(bob.client().call("subscribe", json("to", ann.id())).optInt("code")).as("already friends").isEqualTo(306);
        }
    }

    @Test
    void acceptingMakesBothFriendsAndTellsTheRequester() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            ann.client().call("subscribe", json("to", bob.id()));
            bob.client().nextEvent("message");
            assertThat(bob.client().call("reply", json("to", ann.id(), "message", "sure")).optInt("code")).isEqualTo(200);
            JSONObject agree = ann.client().nextEvent("message");
            assertThat(agree.optString("type")).isEqualTo("agree");
            assertThat(agree.optString("message")).isEqualTo("sure");
            assertThat(agree.optJSONObject("from").optLong("id")).isEqualTo(bob.id());

            assertThat(friendIds(ann.client())).containsExactly(bob.id());
            assertThat(friendIds(bob.client())).containsExactly(ann.id());
        }
    }

    @Test
    void refusingDeletesTheRequestAndTheRequesterMayAskAgain() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            ann.client().call("subscribe", json("to", bob.id()));
            bob.client().nextEvent("message");
            assertThat(bob.client().call("reply", json("to", ann.id(), "refuse", 1, "message", "no")).optInt("code")).isEqualTo(200);
            JSONObject refuse = ann.client().nextEvent("message");
            assertThat(refuse.optString("type")).isEqualTo("refuse");
            assertThat(refuse.optString("message")).isEqualTo("no");
            assertThat(friendIds(ann.client())).isEmpty();
            assertThat(bob.client().call("reply", json("to", ann.id())).optInt("code")).as("request gone").isEqualTo(404);

            assertThat(ann.client().call("subscribe", json("to", bob.id())).optInt("code")).isEqualTo(200);
            bob.client().nextEvent("message");
            assertThat(bob.client().call("reply", json("to", ann.id(), "refuse", "true")).optInt("code")).isEqualTo(200);
            assertThat(ann.client().nextEvent("message").optString("type")).isEqualTo("refuse");
            assertThat(ann.client().call("subscribe", json("to", bob.id())).optInt("code")).isEqualTo(200);
            bob.client().nextEvent("message");
            assertThat(bob.client().call("reply", json("to", ann.id(), "refuse", 0)).optInt("code")).isEqualTo(200);
            assertThat(ann.client().nextEvent("message").optString("type")).as("refuse: 0 accepts").isEqualTo("agree");
        }
    }

    @Test
    void waitingRequestsAreListedUntilAnswered() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var cat = Users.signedIn(base, "cat")) {
            assertThat(ann.client().call("requests", new JSONObject()).optJSONArray("requests").length()).isZero();
            assertThat(bob.client().call("subscribe", json("to", ann.id())).optInt("code")).isEqualTo(200);
            assertThat(cat.client().call("subscribe", json("to", ann.id())).optInt("code")).isEqualTo(200);
            JSONArray waiting = ann.client().call("requests", new JSONObject()).optJSONArray("requests");
            assertThat(waiting.length()).isEqualTo(2);
            assertThat(waiting.optJSONObject(0).optJSONObject("from").optString("username")).isEqualTo(bob.name());
            assertThat(waiting.optJSONObject(0).optLong("time")).isPositive();
            assertThat(waiting.optJSONObject(1).optJSONObject("from").optLong("id")).isEqualTo(cat.id());
            assertThat(bob.client().call("requests", new JSONObject()).optJSONArray("requests").length())
                    .as("only those waiting for the caller's answer").isZero();

            assertThat(ann.client().call("reply", json("to", bob.id())).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("reply", json("to", cat.id(), "refuse", 1)).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("requests", new JSONObject()).optJSONArray("requests").length()).isZero();
        }
    }

    @Test
    void replyCodes() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            assertThat(bob.client().call("reply", new JSONObject()).optInt("code")).isEqualTo(403);
            assertThat(bob.client().call("reply", json("to", ann.id())).optInt("code")).isEqualTo(404);
        }
    }

    @Test
    void aRequestToAnOfflineUserArrivesAtTheirNextSigninExactlyOnce() {
        try (var ann = Users.signedIn(base, "ann")) {
            var offline = Users.signedIn(base, "offline");
            offline.goOffline();
            assertThat(ann.client().call("subscribe", json("to", offline.id(), "message", "later")).optInt("code")).isEqualTo(200);

            try (var device = ChatClient.connect(base)) {
                device.signIn(offline.name(), "pw");
                JSONObject request = device.nextEvent("message");
                assertThat(request.optString("type")).isEqualTo("request-subscription");
                assertThat(request.optString("message")).isEqualTo("later");
            }
            try (var again = ChatClient.connect(base)) {
                again.signIn(offline.name(), "pw");
                assertThat(again.call("friends", new JSONObject()).optInt("code")).isEqualTo(200);
                assertThat(again.events("message")).as("delivered once only").isEmpty();
            }
        }
    }

    @Test
    void unsubscribeEndsTheFriendshipOnBothSides() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            Users.befriend(ann, bob);
            assertThat(ann.client().call("unsubscribe", json("to", bob.id())).optInt("code")).isEqualTo(200);
            assertThat(friendIds(ann.client())).isEmpty();
            assertThat(friendIds(bob.client())).isEmpty();
            assertThat(ann.client().call("unsubscribe", json("id", bob.id())).optInt("code")).as("not friends").isEqualTo(200);
            assertThat(ann.client().call("unsubscribe", new JSONObject()).optInt("code")).isEqualTo(403);
        }
    }

    @Test
    void unsubscribeById() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            Users.befriend(ann, bob);
            assertThat(bob.client().call("unsubscribe", json("id", ann.id())).optInt("code")).isEqualTo(200);
            assertThat(friendIds(ann.client())).isEmpty();
        }
    }

    @Test
    void friendsListsDocumentsWithGroupAndPresence() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob"); var cat = Users.signedIn(base, "cat")) {
            Users.befriend(ann, bob);
            Users.befriend(ann, cat);
            cat.close();
            assertThat(ann.client().nextEvent("presence").optString("presence")).isEqualTo("offline");
            assertThat(ann.client().call("group", json("to", bob.id(), "group", "work")).optInt("code")).isEqualTo(200);

            JSONArray list = ann.client().call("friends", new JSONObject()).optJSONArray("list");
            assertThat(list.length()).isEqualTo(2);
            JSONObject bobEntry = entry(list, bob.id());
            assertThat(bobEntry.optString("username")).isEqualTo(bob.name());
            assertThat(bobEntry.optString("group")).isEqualTo("work");
            assertThat(bobEntry.optString("presence")).isEqualTo("online");
            assertThat(bobEntry.has("password")).isFalse();
            assertThat(entry(list, cat.id()).optString("presence")).isEqualTo("offline");

            JSONArray one = ann.client().call("friends", json("id", cat.id())).optJSONArray("list");
            assertThat(one.length()).isEqualTo(1);
            assertThat(one.optJSONObject(0).optLong("id")).isEqualTo(cat.id());

            JSONArray bobsView = bob.client().call("friends", new JSONObject()).optJSONArray("list");
            assertThat(entry(bobsView, ann.id()).isNull("group")).as("groups are the owner's only").isTrue();
        }
    }

    @Test
    void groupCodes() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            assertThat(ann.client().call("group", json("group", "x")).optInt("code")).isEqualTo(403);
            assertThat(ann.client().call("group", json("to", bob.id())).optInt("code")).isEqualTo(403);
            assertThat(ann.client().call("group", json("to", bob.id(), "group", "x")).optInt("code")).isEqualTo(404);
        }
    }

    @Test
    void presenceChangesReachOnlineFriends() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            Users.befriend(ann, bob);
            assertThat(bob.client().call("presence", json("presence", "busy")).optInt("code")).isEqualTo(200);
            JSONObject presence = ann.client().nextEvent("presence");
            assertThat(presence.optLong("id")).isEqualTo(bob.id());
            assertThat(presence.optString("presence")).isEqualTo("busy");
            assertThat(entry(ann.client().call("friends", new JSONObject()).optJSONArray("list"), bob.id())
                    .optString("presence")).isEqualTo("busy");
            assertThat(bob.client().call("presence", new JSONObject()).optInt("code")).isEqualTo(403);
        }
    }

    @Test
    void signinSignoutAndTheLastDeviceDecideOnlineAndOffline() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            Users.befriend(ann, bob);
            ChatClient phone = bob.anotherDevice(base);
            bob.client().close();
            phone.call("friends", new JSONObject());
            assertThat(ann.client().events("presence")).as("one device left: still online").isEmpty();

            assertThat(phone.call("signout", new JSONObject()).optInt("code")).isEqualTo(200);
            JSONObject offline = ann.client().nextEvent("presence");
            assertThat(offline.optLong("id")).isEqualTo(bob.id());
            assertThat(offline.optString("presence")).isEqualTo("offline");

            phone.signIn(bob.name(), "pw");
            assertThat(ann.client().nextEvent("presence").optString("presence")).isEqualTo("online");
            phone.close();
            assertThat(ann.client().nextEvent("presence").optString("presence")).isEqualTo("offline");
        }
    }

    /** The friends of an online user are kept while they are online; an ended friendship is forgotten at once. */
    @Test
    void aFormerFriendHearsNothingWhenTheOtherGoesOffline() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob"); var cat = Users.signedIn(base, "cat")) {
            Users.befriend(ann, bob);
            Users.befriend(cat, bob);
            bob.close();
            assertThat(ann.client().nextEvent("presence").optString("presence")).isEqualTo("offline");
            assertThat(cat.client().nextEvent("presence").optString("presence")).isEqualTo("offline");
            try (ChatClient back = bob.anotherDevice(base)) {
                assertThat(ann.client().nextEvent("presence").optString("presence")).isEqualTo("online");
                assertThat(cat.client().nextEvent("presence").optString("presence")).isEqualTo("online");
                assertThat(ann.client().call("unsubscribe", json("to", bob.id())).optInt("code")).isEqualTo(200);
            }
            // bob's friends are told in the order they became friends: ann's event would come first
            assertThat(cat.client().nextEvent("presence").optString("presence")).isEqualTo("offline");
            ann.client().call("friends", new JSONObject());
            assertThat(ann.client().events("presence")).as("no presence of a former friend").isEmpty();
        }
    }

    @Test
    void aConnectionThatStopsAnsweringGoesOfflineByTheHeartbeat() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            Users.befriend(ann, bob);
            bob.close();
            assertThat(ann.client().nextEvent("presence").optString("presence")).isEqualTo("offline");

            try (var silent = RawSocket.connected(base)) {
                silent.send("421[\"signin\",{\"username\":\"" + bob.name() + "\",\"password\":\"pw\"}]");
                assertThat(ann.client().nextEvent("presence").optString("presence")).isEqualTo("online");
                long start = System.nanoTime();
                JSONObject offline = ann.client().nextEvent("presence");
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(offline.optString("presence")).isEqualTo("offline");
                assertThat(waited).isLessThanOrEqualTo(PING_INTERVAL + PING_TIMEOUT + 2000);
            }
        }
    }

    private static java.util.List<Long> friendIds(ChatClient client) {
        JSONArray list = client.call("friends", new JSONObject()).optJSONArray("list");
        var ids = new java.util.ArrayList<Long>();
        for (int i = 0; i < list.length(); i++) {
            ids.add(list.optJSONObject(i).optLong("id"));
        }
        return ids;
    }

    private static JSONObject entry(JSONArray list, long id) {
        for (int i = 0; i < list.length(); i++) {
            if (list.optJSONObject(i).optLong("id") == id) {
                return list.optJSONObject(i);
            }
        }
        throw new AssertionError("no entry for " + id + " in " + list);
    }
}
