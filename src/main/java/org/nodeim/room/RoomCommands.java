package org.nodeim.room;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.nodeim.account.UserDirectory;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.session.SessionRegistry;

/**
 * The room commands: room.create, room.join, room.leave, room.list (room.message is chat's;
 * what owners and admins do is {@link ModerationCommands}).
 */
@ApplicationScoped
public class RoomCommands {

    static final String JOIN_EVENT = "room.join";
    static final String LEAVE_EVENT = "room.leave";

    @EJB
    RoomService rooms;

    @Inject
    SessionRegistry registry;

    @Inject
    UserDirectory users;

    @Inject
    RoomAnnouncements announcements;

    @Produces
    @Command("room.create")
    CommandHandler create() {
        return (caller, data) -> {
            String name = Arguments.text(data, "name").filter(n -> !n.isBlank())
                    .orElseThrow(() -> new Refused(Reason.MISSING, "name required"));
            String intro = Arguments.optionalText(data, "intro").orElse("");
            String topic = Arguments.optionalText(data, "topic").orElse("");
            Room room = rooms.create(caller.userId().orElseThrow(), name, intro, topic, Arguments.flag(data, "private"));
            return Reply.ok().with("room", room.toJson());
        };
    }

    @Produces
    @Command("room.join")
    CommandHandler join() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            RoomService.Joined joined = rooms.join(user, roomId(data, "id"));
            if (!joined.newbie()) {
                return Reply.ok();
            }
            List<Long> members = rooms.memberIds(joined.room().id());
            return Reply.ok().andThen(() -> announcements.announceJoin(joined, user, members));
        };
    }

    @Produces
    @Command("room.leave")
    CommandHandler leave() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            RoomService.Left left = rooms.leave(user, roomId(data, "id"));
            List<Long> members = rooms.memberIds(left.room().id());
            JsonObject event = JsonFactory.objectBuilder()
                    .add("room", left.room().toJson())
                    .add("user", users.document(user))
                    .build();
            Reply reply = Reply.ok().andThen(() -> tellMembers(members, LEAVE_EVENT, event));
            left.newOwner().ifPresent(owner -> {
                JsonObject handedOver = JsonFactory.objectBuilder()
                        .add("room", left.room().toJson())
                        .add("user", users.document(owner))
                        .add("by", users.document(user))
                        .add("role", RoomRole.OWNER.wireName())
                        .build();
                reply.andThen(() -> tellMembers(members, RoomAnnouncements.ROLE_EVENT, handedOver));
            });
            return reply;
        };
    }

    @Produces
    @Command("room.list")
    CommandHandler list() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            Room room = rooms.room(roomId(data, "id"));
            if (!rooms.mayView(user, room)) {
                throw new Refused(Reason.FORBIDDEN, "this room is by invitation only");
            }
            List<RoomMember> members = rooms.membersOf(room.id());
            Map<Long, JsonObject> documents = users.documents(members.stream().map(RoomMember::userId).toList());
            var onlines = JsonFactory.arrayBuilder();
            var offlines = JsonFactory.arrayBuilder();
            var admins = JsonFactory.arrayBuilder();
            var muted = JsonFactory.arrayBuilder();
            long now = System.currentTimeMillis();
            for (RoomMember member : members) {
                long id = member.userId();
                (registry.isOnline(id) ? onlines : offlines).add(documents.get(id));
                if (member.role(room) == RoomRole.ADMIN) {
                    admins.add(id);
                }
                member.mutedUntil(now).ifPresent(until -> muted.add(until == Long.MAX_VALUE
                        ? JsonFactory.objectBuilder().add("user", id)
                        : JsonFactory.objectBuilder().add("user", id).add("until", until)));
            }
            return Reply.ok().with("onlines", onlines.build()).with("offlines", offlines.build())
                    .with("room", room.toJson()).with("admins", admins.build()).with("muted", muted.build());
        };
    }

    /** Sends an event to the connections of those members who are online. */
    private void tellMembers(List<Long> members, String event, JsonObject payload) {
        members.forEach(member -> registry.sendTo(member, event, payload));
    }

    /** The room id in a field: 404 when it is missing or names no room. */
    private static long roomId(JsonObject data, String field) {
        return Arguments.id(data, field).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
    }
}
