package org.nodeim.room;

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

/** Rooms: creating, joining, leaving, listing, posting, history, and coming back to them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private static JSONObject create(Users.User user, String name) {
        JSONObject reply = user.client().call("room.create", json("name", name, "intro", "about " + name));
        assertThat(reply.optInt("code")).isEqualTo(200);
        return reply.optJSONObject("room");
    }

    private static void join(Users.User user, long room) {
        assertThat(user.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
    }

    @Test
    void createGivesTheRoomAndTheCreatorIsAMember() {
        try (var ann = Users.signedIn(base, "ann")) {
            JSONObject room = create(ann, "lounge");
            assertThat(room.optLong("id")).isPositive();
            assertThat(room.optString("name")).isEqualTo("lounge");
            assertThat(room.optString("intro")).isEqualTo("about lounge");
            assertThat(room.optLong("creator")).isEqualTo(ann.id());
            JSONObject list = ann.client().call("room.list", json("id", room.optLong("id")));
            assertThat(ids(list.optJSONArray("onlines"))).containsExactly(ann.id());
            assertThat(ann.client().call("room.create", json("intro", "no name")).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("room.create", json("name", "x".repeat(101))).optInt("code")).isEqualTo(400);
        }
    }

    @Test
    void joinTellsEveryOnlineMemberAndTheNewcomer() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            long room = create(ann, "join").optLong("id");
            join(bob, room);
            for (ChatClient client : List.of(ann.client(), bob.client())) {
                JSONObject event = client.nextEvent("room.join");
                assertThat(event.optJSONObject("room").optLong("id")).isEqualTo(room);
                assertThat(event.optJSONObject("user").optLong("id")).isEqualTo(bob.id());
                assertThat(event.optBoolean("newbie", false)).isTrue();
            }
            assertThat(bob.client().call("room.join", json("id", Long.MAX_VALUE - 3)).optInt("code")).isEqualTo(404);
            assertThat(bob.client().call("room.join", new JSONObject()).optInt("code")).isEqualTo(404);
        }
    }

    @Test
    void leaveTellsTheRemainingMembers() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            long room = create(ann, "leave").optLong("id");
            join(bob, room);
            ann.client().nextEvent("room.join");
            assertThat(bob.client().call("room.leave", json("id", room)).optInt("code")).isEqualTo(200);
            JSONObject left = ann.client().nextEvent("room.leave");
            assertThat(left.optJSONObject("user").optLong("id")).isEqualTo(bob.id());
            assertThat(left.optJSONObject("room").optLong("id")).isEqualTo(room);
            assertThat(bob.client().call("room.leave", json("id", room)).optInt("code")).as("not a member").isEqualTo(404);
            assertThat(bob.client().call("room.leave", json("id", Long.MAX_VALUE - 3)).optInt("code")).isEqualTo(404);
        }
    }

    @Test
    void listSplitsOnlineAndOfflineMembers() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            long room = create(ann, "list").optLong("id");
            join(bob, room);
            bob.close();
            JSONObject list = ann.client().call("room.list", json("id", room));
            assertThat(ids(list.optJSONArray("onlines"))).containsExactly(ann.id());
            assertThat(ids(list.optJSONArray("offlines"))).containsExactly(bob.id());
            assertThat(list.optJSONArray("offlines").optJSONObject(0).optString("username")).isEqualTo(bob.name());
            assertThat(ann.client().call("room.list", json("id", Long.MAX_VALUE - 3)).optInt("code")).isEqualTo(404);
        }
    }

    @Test
    void aRoomMessageReachesEveryMemberTheSenderIncluded() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob"); var out = Users.signedIn(base, "out")) {
            long room = create(ann, "talk").optLong("id");
            join(bob, room);
            assertThat(bob.client().call("room.message", json("id", room, "message", "<u>hi all</u>")).optInt("code")).isEqualTo(200);
            for (var member : List.of(ann, bob)) {
                JSONObject message = member.client().nextEvent("message");
                assertThat(message.optString("message")).isEqualTo("<u>hi all</u>");
                assertThat(message.optLong("room")).isEqualTo(room);
                assertThat(message.optLong("to")).isEqualTo(member.id());
                assertThat(message.optJSONObject("from").optLong("id")).isEqualTo(bob.id());
            }
            assertThat(ann.client().call("room.message", json("room", room, "message", "by room field")).optInt("code")).isEqualTo(200);
            assertThat(bob.client().nextEvent("message").optString("message")).isEqualTo("by room field");
            assertThat(out.client().call("room.message", json("id", room, "message", "let me in")).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("room.message", json("id", room)).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("room.message", json("id", Long.MAX_VALUE - 3, "message", "x")).optInt("code")).isEqualTo(404);
            assertThat(out.client().events("message")).isEmpty();
        }
    }

    @Test
    void fiftyMembersAllReceiveAMessage() {
        var members = new ArrayList<Users.User>();
        try {
            var owner = Users.signedIn(base, "owner");
            members.add(owner);
            long room = create(owner, "crowd").optLong("id");
            for (int i = 1; i < 50; i++) {
                var member = Users.signedIn(base, "m" + i);
                members.add(member);
                join(member, room);
            }
            owner.client().call("room.message", json("id", room, "message", "to all fifty"));
            for (var member : members) {
                JSONObject message;
                do {
                    message = member.client().nextEvent("message");
                } while (!message.optString("message").equals("to all fifty"));
                assertThat(message.optLong("room")).isEqualTo(room);
            }
        } finally {
            members.forEach(Users.User::close);
        }
    }

    @Test
    void signinReturnsTheRoomsReentersThemAndBringsWhatWasMissedOnce() {
        try (var ann = Users.signedIn(base, "ann")) {
            var bob = Users.signedIn(base, "bob");
            long room = create(ann, "missed").optLong("id");
            join(bob, room);
            ann.client().nextEvent("room.join");
            bob.client().call("room.message", json("id", room, "message", "seen live"));
            bob.client().nextEvent("message");
            bob.goOffline();
            ann.client().call("room.message", json("id", room, "message", "missed 1"));
            ann.client().call("room.message", json("id", room, "message", "missed 2"));
            ann.client().call("message", json("to", bob.id(), "message", "direct in between"));
            ann.client().call("room.message", json("id", room, "message", "missed 3"));

            try (var device = ChatClient.connect(base)) {
                JSONObject signin = device.signIn(bob.name(), "pw");
                assertThat(ids(signin.optJSONArray("rooms"))).containsExactly(room);
                JSONObject reentry = ann.client().nextEvent("room.join");
                assertThat(reentry.optJSONObject("user").optLong("id")).isEqualTo(bob.id());
                assertThat(reentry.optBoolean("newbie", true)).isFalse();
                assertThat(device.nextEvent("room.join").optBoolean("newbie", true)).isFalse();

                var backlog = new ArrayList<String>();
                for (int i = 0; i < 4; i++) {
                    backlog.add(device.nextEvent("message").optString("message"));
                }
                assertThat(backlog).containsExactly("missed 1", "missed 2", "direct in between", "missed 3");
            }
            try (var again = ChatClient.connect(base)) {
                again.signIn(bob.name(), "pw");
                ann.client().call("room.message", json("id", room, "message", "new"));
                assertThat(again.nextEvent("message").optString("message")).isEqualTo("new");
            }
        }
    }

    @Test
    void roomLogIsForMembersOnly() {
        try (var ann = Users.signedIn(base, "ann"); var out = Users.signedIn(base, "out")) {
            long room = create(ann, "history").optLong("id");
            for (int i = 0; i < 21; i++) {
                ann.client().call("room.message", json("id", room, "message", "r" + i));
            }
            JSONObject log = ann.client().call("log", json("room", room));
            assertThat(log.optInt("lastPage")).isEqualTo(2);
            JSONArray docs = log.optJSONArray("docs");
            assertThat(docs.length()).isEqualTo(20);
            assertThat(docs.optJSONObject(0).optString("message")).isEqualTo("r20");
            assertThat(docs.optJSONObject(0).optLong("room")).isEqualTo(room);
            assertThat(ann.client().call("log", json("room", room, "page", 2)).optJSONArray("docs").length()).isEqualTo(1);
            assertThat(out.client().call("log", json("room", room)).optInt("code")).isEqualTo(404);
            assertThat(out.client().call("log", json("room", Long.MAX_VALUE - 3)).optInt("code")).isEqualTo(404);
        }
    }

    private static List<Long> ids(JSONArray array) {
        var ids = new ArrayList<Long>();
        for (int i = 0; i < array.length(); i++) {
            ids.add(array.optJSONObject(i).optLong("id"));
        }
        return ids;
    }
}
