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
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Users;

/** Room roles and moderation: who may do what, the refusals, and what every member hears. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomModerationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private static long create(Users.User owner, Object... more) {
        var namesAndValues = new ArrayList<Object>(List.of("name", "moderated"));
        namesAndValues.addAll(List.of(more));
        JSONObject reply = owner.client().call("room.create", json(namesAndValues.toArray()));
        assertThat(reply.optInt("code")).isEqualTo(200);
        return reply.optJSONObject("room").optLong("id");
    }

    private static void join(Users.User user, long room, Users.User... alreadyIn) {
        assertThat(code(user, "room.join", json("id", room))).isEqualTo(200);
        user.client().nextEvent("room.join");
        for (Users.User member : alreadyIn) {
            member.client().nextEvent("room.join");
        }
    }

    private static int code(Users.User user, String command, JSONObject data) {
        return user.client().call(command, data).optInt("code");
    }

    private static JSONObject list(Users.User user, long room) {
        JSONObject list = user.client().call("room.list", json("id", room));
        assertThat(list.optInt("code")).isEqualTo(200);
        return list;
    }

    private static List<Long> memberIds(JSONObject list) {
        var ids = new ArrayList<Long>();
        for (String field : List.of("onlines", "offlines")) {
            JSONArray members = list.optJSONArray(field);
            for (int i = 0; i < members.length(); i++) {
                ids.add(members.optJSONObject(i).optLong("id"));
            }
        }
        return ids;
    }

    @Test
    void theCreatorOwnsTheRoomWhichHasATopicAndIsOpenByDefault() {
        try (var ann = Users.signedIn(base, "ann")) {
            JSONObject room = ann.client().call("room.create", json("name", "topical", "topic", "the release"))
                    .optJSONObject("room");
            assertThat(room.optLong("owner")).isEqualTo(ann.id());
            assertThat(room.optString("topic")).isEqualTo("the release");
            assertThat(room.optBoolean("private", true)).isFalse();
            JSONObject list = list(ann, room.optLong("id"));
            assertThat(list.optJSONObject("room").optLong("owner")).isEqualTo(ann.id());
            assertThat(list.optJSONArray("admins").length()).isZero();
            assertThat(code(ann, "room.create", json("name", "t", "topic", "x".repeat(501)))).isEqualTo(400);
        }
    }

    @Test
    void theOwnerMakesAdminsAndAdminsModerateOnlyMembers() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var cat = Users.signedIn(base, "cat"); var dan = Users.signedIn(base, "dan")) {
            long room = create(ann);
            join(bob, room, ann);
            join(cat, room, ann, bob);
            join(dan, room, ann, bob, cat);

            assertThat(code(ann, "room.role", json("id", room, "user", bob.id(), "role", "admin"))).isEqualTo(200);
            for (var member : List.of(ann, bob, cat, dan)) {
                JSONObject role = member.client().nextEvent("room.role");
                assertThat(role.optJSONObject("user").optLong("id")).isEqualTo(bob.id());
                assertThat(role.optString("role")).isEqualTo("admin");
                assertThat(role.optJSONObject("by").optLong("id")).isEqualTo(ann.id());
                assertThat(role.optJSONObject("room").optLong("id")).isEqualTo(room);
            }
            JSONArray admins = list(dan, room).optJSONArray("admins");
            assertThat(admins.length()).isEqualTo(1);
            assertThat(admins.optLong(0)).isEqualTo(bob.id());

            assertThat(code(bob, "room.kick", json("id", room, "user", cat.id()))).isEqualTo(200);
            for (var member : List.of(ann, bob, cat, dan)) {
                JSONObject kick = member.client().nextEvent("room.kick");
                assertThat(kick.optJSONObject("user").optLong("id")).isEqualTo(cat.id());
                assertThat(kick.optJSONObject("by").optLong("id")).isEqualTo(bob.id());
            }
            assertThat(memberIds(list(ann, room))).containsExactlyInAnyOrder(ann.id(), bob.id(), dan.id());
            assertThat(code(cat, "room.message", json("id", room, "message", "still here?"))).isEqualTo(404);
            assertThat(code(cat, "room.join", json("id", room))).as("a kick is not a ban").isEqualTo(200);

            assertThat(code(bob, "room.kick", json("id", room, "user", ann.id()))).as("an admin on the owner").isEqualTo(403);
            assertThat(code(bob, "room.role", json("id", room, "user", dan.id(), "role", "admin")))
                    .as("only the owner gives roles").isEqualTo(403);
            assertThat(code(dan, "room.kick", json("id", room, "user", cat.id()))).as("a member").isEqualTo(403);
            assertThat(code(dan, "room.mute", json("id", room, "user", bob.id()))).as("a member on an admin").isEqualTo(403);
            assertThat(code(bob, "room.kick", json("id", room, "user", bob.id()))).as("on oneself").isEqualTo(403);
            assertThat(code(ann, "room.role", json("id", room, "user", ann.id(), "role", "member"))).isEqualTo(403);
            assertThat(code(ann, "room.kick", json("id", room))).as("no user").isEqualTo(403);
            assertThat(code(ann, "room.kick", json("id", room, "user", Long.MAX_VALUE - 3))).isEqualTo(404);
            assertThat(code(ann, "room.kick", json("id", Long.MAX_VALUE - 3, "user", cat.id()))).isEqualTo(404);
            assertThat(code(ann, "room.role", json("id", room, "user", dan.id(), "role", "king"))).isEqualTo(400);

            assertThat(code(ann, "room.role", json("id", room, "user", bob.id(), "role", "member"))).isEqualTo(200);
            assertThat(code(bob, "room.kick", json("id", room, "user", dan.id()))).as("no longer an admin").isEqualTo(403);
        }
    }

    @Test
    void anAdminModeratesMembersButNoOtherAdminAndAMemberModeratesNobody() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var cat = Users.signedIn(base, "cat"); var dan = Users.signedIn(base, "dan"); var eve = Users.signedIn(base, "eve")) {
            long room = create(ann);
            join(bob, room, ann);
            join(cat, room, ann, bob);
            join(dan, room, ann, bob, cat);
            for (var admin : List.of(bob, cat)) {
                assertThat(code(ann, "room.role", json("id", room, "user", admin.id(), "role", "admin"))).isEqualTo(200);
            }

            for (String command : List.of("room.kick", "room.ban", "room.mute")) {
                assertThat(code(bob, command, json("id", room, "user", cat.id()))).as("%s of an admin by an admin", command)
                        .isEqualTo(403);
            }
            assertThat(code(bob, "room.mute", json("id", room, "user", dan.id(), "seconds", 60))).isEqualTo(200);
            assertThat(code(dan, "room.message", json("id", room, "message", "muted?"))).isEqualTo(403);
            assertThat(code(bob, "room.unmute", json("id", room, "user", dan.id()))).isEqualTo(200);
            assertThat(code(bob, "room.invite", json("id", room, "user", eve.id()))).isEqualTo(200);
            assertThat(eve.client().nextEvent("room.invite").optJSONObject("by").optLong("id")).isEqualTo(bob.id());
            assertThat(dan.client().nextEvent("room.invite").optJSONObject("user").optLong("id"))
                    .as("the members hear of it too").isEqualTo(eve.id());
            assertThat(code(bob, "room.update", json("id", room, "topic", "set by an admin"))).isEqualTo(200);
            assertThat(list(dan, room).optJSONObject("room").optString("topic")).isEqualTo("set by an admin");
            assertThat(code(bob, "room.ban", json("id", room, "user", dan.id()))).isEqualTo(200);
            assertThat(memberIds(list(ann, room))).doesNotContain(dan.id());
            assertThat(code(dan, "room.join", json("id", room))).as("banned").isEqualTo(403);
            assertThat(code(cat, "room.unban", json("id", room, "user", dan.id()))).as("another admin lifts it").isEqualTo(200);
            join(dan, room, ann, bob, cat);

            for (String command : List.of("room.ban", "room.unban", "room.invite", "room.mute", "room.kick")) {
                assertThat(code(dan, command, json("id", room, "user", eve.id()))).as("%s by a member", command).isEqualTo(403);
            }
            assertThat(code(dan, "room.update", json("id", room, "topic", "set by a member"))).isEqualTo(403);
            assertThat(list(ann, room).optJSONObject("room").optString("topic")).isEqualTo("set by an admin");
        }
    }

    @Test
    void aBanKeepsAUserOutUntilItEndsOrIsLifted() throws InterruptedException {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob"); var cat = Users.signedIn(base, "cat")) {
            long room = create(ann);
            join(bob, room, ann);

            assertThat(code(ann, "room.ban", json("id", room, "user", bob.id(), "seconds", 1))).isEqualTo(200);
            JSONObject ban = bob.client().nextEvent("room.ban");
            long until = ban.optLong("until");
            assertThat(until).isGreaterThan(System.currentTimeMillis() - 1000);
            assertThat(ban.optJSONObject("by").optLong("id")).isEqualTo(ann.id());
            assertThat(ann.client().nextEvent("room.ban").optJSONObject("user").optLong("id")).isEqualTo(bob.id());
            assertThat(memberIds(list(ann, room))).containsExactly(ann.id());
            JSONObject bans = ann.client().call("room.bans", json("id", room));
            assertThat(bans.optJSONArray("bans").optJSONObject(0).optJSONObject("user").optLong("id")).isEqualTo(bob.id());
            assertThat(code(bob, "room.join", json("id", room))).as("banned").isEqualTo(403);
            assertThat(code(bob, "room.bans", json("id", room))).as("bans are for moderators").isEqualTo(403);

            Thread.sleep(Math.max(0, until - System.currentTimeMillis()) + 100); // the ban's own end, not synchronisation
            assertThat(code(bob, "room.join", json("id", room))).as("the ban ended").isEqualTo(200);

            assertThat(code(ann, "room.ban", json("id", room, "user", cat.id()))).as("a non-member, no end").isEqualTo(200);
            assertThat(cat.client().nextEvent("room.ban").has("until")).isFalse();
            assertThat(code(cat, "room.join", json("id", room))).isEqualTo(403);
            assertThat(code(ann, "room.invite", json("id", room, "user", cat.id()))).as("banned: unban first").isEqualTo(403);
            assertThat(code(ann, "room.unban", json("id", room, "user", cat.id()))).isEqualTo(200);
            assertThat(cat.client().nextEvent("room.unban").optJSONObject("user").optLong("id")).isEqualTo(cat.id());
            assertThat(code(ann, "room.unban", json("id", room, "user", cat.id()))).as("not banned").isEqualTo(404);
            assertThat(code(cat, "room.join", json("id", room))).isEqualTo(200);

            assertThat(code(ann, "room.ban", json("id", room, "user", cat.id(), "seconds", 0))).isEqualTo(400);
            assertThat(code(ann, "room.ban", json("id", room, "user", cat.id(), "seconds", "soon"))).isEqualTo(400);
            assertThat(code(ann, "room.ban", json("id", room, "user", ann.id()))).isEqualTo(403);
        }
    }

    @Test
    void aMutedMemberCannotPostUntilUnmuted() throws InterruptedException {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            long room = create(ann);
            join(bob, room, ann);
            assertThat(code(ann, "room.mute", json("id", room, "user", bob.id()))).isEqualTo(200);
            assertThat(bob.client().nextEvent("room.mute").has("until")).isFalse();
            JSONObject muted = list(ann, room).optJSONArray("muted").optJSONObject(0);
            assertThat(muted.optLong("user")).isEqualTo(bob.id());

            JSONObject refused = bob.client().call("room.message", json("id", room, "message", "can you hear me"));
            assertThat(refused.optInt("code")).isEqualTo(403);
            assertThat(refused.optString("message")).contains("muted");
            assertThat(code(ann, "room.message", json("id", room, "message", "after the mute"))).isEqualTo(200);
            assertThat(ann.client().nextEvent("message").optString("message")).as("nothing of bob's came first")
                    .isEqualTo("after the mute");

            assertThat(code(ann, "room.unmute", json("id", room, "user", bob.id()))).isEqualTo(200);
            bob.client().nextEvent("room.unmute");
            assertThat(code(bob, "room.message", json("id", room, "message", "back"))).isEqualTo(200);
            assertThat(ann.client().nextEvent("message").optString("message")).isEqualTo("back");

            assertThat(code(ann, "room.mute", json("id", room, "user", bob.id(), "seconds", 1))).isEqualTo(200);
            long until = bob.client().nextEvent("room.mute").optLong("until");
            assertThat(code(bob, "room.message", json("id", room, "message", "x"))).isEqualTo(403);
            Thread.sleep(Math.max(0, until - System.currentTimeMillis()) + 100); // the mute's own end
            assertThat(code(bob, "room.message", json("id", room, "message", "free again"))).isEqualTo(200);
        }
    }

    @Test
    void aPrivateRoomIsJoinedByInvitationOnly() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob"); var cat = Users.signedIn(base, "cat")) {
            long room = create(ann, "private", true);
            assertThat(code(bob, "room.join", json("id", room))).isEqualTo(403);
            assertThat(code(bob, "room.list", json("id", room))).as("members hidden").isEqualTo(403);

            assertThat(code(ann, "room.invite", json("id", room, "user", bob.id()))).isEqualTo(200);
            JSONObject invitation = bob.client().nextEvent("room.invite");
            assertThat(invitation.optJSONObject("room").optLong("id")).isEqualTo(room);
            assertThat(invitation.optJSONObject("by").optLong("id")).isEqualTo(ann.id());
            assertThat(code(ann, "room.invite", json("id", room, "user", bob.id()))).as("invited already").isEqualTo(306);
            JSONArray invitations = bob.client().call("room.invitations", new JSONObject()).optJSONArray("invitations");
            assertThat(invitations.optJSONObject(0).optJSONObject("room").optLong("id")).isEqualTo(room);
            assertThat(code(bob, "room.list", json("id", room))).as("the invited may look").isEqualTo(200);

            join(bob, room, ann);
            assertThat(bob.client().call("room.invitations", new JSONObject()).optJSONArray("invitations").length())
                    .as("used up").isZero();
            assertThat(code(ann, "room.invite", json("id", room, "user", bob.id()))).as("a member already").isEqualTo(306);
            assertThat(code(bob, "room.invite", json("id", room, "user", cat.id()))).as("a member invites").isEqualTo(403);
            assertThat(code(ann, "room.invite", json("id", room, "user", Long.MAX_VALUE - 3))).isEqualTo(404);

            JSONObject update = ann.client().call("room.update", json("id", room, "private", false, "topic", "open now"));
            assertThat(update.optInt("code")).isEqualTo(200);
            assertThat(update.optJSONObject("room").optBoolean("private", true)).isFalse();
            JSONObject event = bob.client().nextEvent("room.update");
            assertThat(event.optJSONObject("room").optString("topic")).isEqualTo("open now");
            assertThat(code(cat, "room.join", json("id", room))).isEqualTo(200);

            assertThat(code(bob, "room.update", json("id", room, "topic", "mine"))).isEqualTo(403);
            assertThat(code(ann, "room.update", json("id", room, "name", " "))).isEqualTo(400);
            assertThat(code(ann, "room.update", json("id", room, "topic", "x".repeat(501)))).isEqualTo(400);
        }
    }

    @Test
    void ownershipIsHandedOverAndPassesOnWhenTheOwnerLeaves() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob"); var cat = Users.signedIn(base, "cat")) {
            long room = create(ann);
            join(cat, room, ann);
            join(bob, room, ann, cat);

            assertThat(code(ann, "room.role", json("id", room, "user", bob.id(), "role", "owner"))).isEqualTo(200);
            var roles = new ArrayList<String>();
            for (int i = 0; i < 2; i++) {
                JSONObject role = cat.client().nextEvent("room.role");
                roles.add(role.optJSONObject("user").optLong("id") + ":" + role.optString("role"));
            }
            assertThat(roles).containsExactly(bob.id() + ":owner", ann.id() + ":admin");
            JSONObject list = list(cat, room);
            assertThat(list.optJSONObject("room").optLong("owner")).isEqualTo(bob.id());
            assertThat(list.optJSONArray("admins").length()).isEqualTo(1);
            assertThat(list.optJSONArray("admins").optLong(0)).isEqualTo(ann.id());
            assertThat(code(ann, "room.kick", json("id", room, "user", bob.id()))).as("the former owner on the owner").isEqualTo(403);

            assertThat(code(bob, "room.leave", json("id", room))).isEqualTo(200);
            JSONObject passed;
            do {
                passed = cat.client().nextEvent("room.role");
            } while (!passed.optString("role").equals("owner"));
            assertThat(passed.optJSONObject("user").optLong("id")).as("the admin before the older member").isEqualTo(ann.id());
            assertThat(list(cat, room).optJSONObject("room").optLong("owner")).isEqualTo(ann.id());
            assertThat(code(ann, "room.kick", json("id", room, "user", cat.id()))).isEqualTo(200);
        }
    }
}
