package org.nodeim.room;

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

/** The room commands: room.create, room.join, room.leave, room.list (room.message is chat's). */
@ApplicationScoped
public class RoomCommands {

    static final String JOIN_EVENT = "room.join";
    static final String LEAVE_EVENT = "room.leave";

    @Inject
    RoomService rooms;

    @Inject
    SessionRegistry registry;

    @Inject
    UserDirectory users;

    @Produces
    @Command("room.create")
    CommandHandler create() {
        return (caller, data) -> {
            String name = Arguments.text(data, "name").filter(n -> !n.isBlank())
                    .orElseThrow(() -> new Refused(Reason.MISSING, "name required"));
            String intro = Arguments.optionalText(data, "intro").orElse("");
            return Reply.ok().with("room", rooms.create(caller.userId().orElseThrow(), name, intro).toJson());
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
            JsonObject event = JsonFactory.objectBuilder()
                    .add("room", joined.room().toJson())
                    .add("user", users.document(user))
                    .add("newbie", true)
                    .build();
            return Reply.ok().andThen(() -> tellMembers(members, JOIN_EVENT, event));
        };
    }

    @Produces
    @Command("room.leave")
    CommandHandler leave() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            Room room = rooms.leave(user, roomId(data, "id"));
            List<Long> members = rooms.memberIds(room.id());
            JsonObject event = JsonFactory.objectBuilder()
                    .add("room", room.toJson())
                    .add("user", users.document(user))
                    .build();
            return Reply.ok().andThen(() -> tellMembers(members, LEAVE_EVENT, event));
        };
    }

    @Produces
    @Command("room.list")
    CommandHandler list() {
        return (caller, data) -> {
            Room room = rooms.room(roomId(data, "id"));
            List<Long> members = rooms.memberIds(room.id());
            Map<Long, JsonObject> documents = users.documents(members);
            var onlines = JsonFactory.arrayBuilder();
            var offlines = JsonFactory.arrayBuilder();
            for (long member : members) {
                JsonObject document = documents.get(member);
                (registry.isOnline(member) ? onlines : offlines).add(document);
            }
            return Reply.ok().with("onlines", onlines.build()).with("offlines", offlines.build());
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
