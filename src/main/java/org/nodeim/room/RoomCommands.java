package org.nodeim.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.nodeim.account.AccountService;
import org.nodeim.chat.Message;
import org.nodeim.chat.MessageDelivery;
import org.nodeim.command.Command;
import org.nodeim.command.CommandFailure;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Data;
import org.nodeim.command.Reply;
import org.nodeim.presence.SessionRegistry;

/** The room commands: room.create, room.join, room.leave, room.list, room.message. */
@ApplicationScoped
public class RoomCommands {

    static final String JOIN_EVENT = "room.join";
    static final String LEAVE_EVENT = "room.leave";

    @Inject
    RoomService rooms;

    @Inject
    AccountService accounts;

    @Inject
    SessionRegistry registry;

    @Inject
    MessageDelivery delivery;

    @Produces
    @Command("room.create")
    CommandHandler create() {
        return (caller, data) -> {
            String name = Data.text(data, "name").filter(n -> !n.isBlank())
                    .orElseThrow(() -> new CommandFailure(404, "name required"));
            String intro = Data.has(data, "intro") ? Data.text(data, "intro")
                    .orElseThrow(() -> new CommandFailure(400, "intro must be a string")) : "";
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
            JsonObject event = Json.createObjectBuilder()
                    .add("room", joined.room().toJson())
                    .add("user", accounts.document(user))
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
            JsonObject event = Json.createObjectBuilder()
                    .add("room", room.toJson())
                    .add("user", accounts.document(user))
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
            Map<Long, JsonObject> documents = accounts.documents(members);
            var onlines = Json.createArrayBuilder();
            var offlines = Json.createArrayBuilder();
            for (long member : members) {
                JsonObject document = documents.get(member);
                (registry.isOnline(member) ? onlines : offlines).add(document);
            }
            return Reply.ok().with("onlines", onlines.build()).with("offlines", offlines.build());
        };
    }

    @Produces
    @Command("room.message")
    CommandHandler message() {
        return (caller, data) -> {
            long roomId = roomId(data, Data.has(data, "id") ? "id" : "room");
            String text = Data.text(data, "message").filter(m -> !m.isEmpty())
                    .orElseThrow(() -> new CommandFailure(404, "message required"));
            Message message = rooms.post(caller.userId().orElseThrow(), roomId, text, data.get("time"));
            List<Long> members = rooms.memberIds(roomId);
            return Reply.ok().andThen(() -> delivery.deliverToMembers(message, members));
        };
    }

    /** Sends an event to the connections of those members who are online. */
    private void tellMembers(List<Long> members, String event, JsonObject payload) {
        members.forEach(member -> registry.sendTo(member, event, payload));
    }

    /** The room id in a field: 404 when it is missing or names no room. */
    private static long roomId(JsonObject data, String field) {
        return Data.id(data, field).orElseThrow(() -> new CommandFailure(404, "unknown room"));
    }
}
