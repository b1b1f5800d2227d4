package org.nodeim.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.Map;
import org.nodeim.account.UserDirectory;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.database.Page;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.room.RoomMembers;
import org.nodeim.room.RoomService;

/** The chat commands: message (direct), room.message and log (history). */
@ApplicationScoped
public class ChatCommands {

    @Inject
    ChatService chat;

    @Inject
    RoomService rooms;

    @Inject
    MessageDelivery delivery;

    @Inject
    MessageComposer composer;

    @Inject
    MessageJournal journal;

    @Inject
    RoomMembers roomMembers;

    @Inject
    UserDirectory users;

    @Produces
    @Command("message")
    CommandHandler message() {
        return (caller, data) -> {
            long to = Arguments.id(data, "to").orElseThrow(() -> new Refused(Reason.MISSING, "to: a user id required"));
            String text = Arguments.text(data, "message").filter(m -> !m.isEmpty())
                    .orElseThrow(() -> new Refused(Reason.MISSING, "message required"));
            if (!users.exists(to)) {
                throw new Refused(Reason.NOT_FOUND, "unknown user");
            }
            Message message = composer.direct(caller.userId().orElseThrow(), to, text, data.get("time"));
            return Reply.when(journal.append(message)
                    .thenApply(stored -> Reply.ok().andThen(() -> delivery.deliverDirect(stored))));
        };
    }

    @Produces
    @Command("room.message")
    CommandHandler roomMessage() {
        return (caller, data) -> {
            String field = Arguments.has(data, "id") ? "id" : "room";
            long roomId = Arguments.id(data, field).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
            String text = Arguments.text(data, "message").filter(m -> !m.isEmpty())
                    .orElseThrow(() -> new Refused(Reason.MISSING, "message required"));
            long user = caller.userId().orElseThrow();
            RoomMembers.Members members = roomMembers.of(roomId)
                    .orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
            if (!members.includes(user)) {
                throw new Refused(Reason.NOT_FOUND, "not a member of this room");
            }
            Message message = composer.inRoom(user, roomId, text, data.get("time"));
            return Reply.when(journal.append(message).thenApply(stored -> Reply.ok()
                    .andThen(() -> delivery.deliverToMembers(stored, members.userIds()))));
        };
    }

    @Produces
    @Command("log")
    CommandHandler log() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            int page = page(data);
            Page<Message> history;
            if (Arguments.has(data, "room")) {
                long room = Arguments.id(data, "room").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
                rooms.room(room);
                if (!rooms.isMember(user, room)) {
                    throw new Refused(Reason.NOT_FOUND, "not a member of this room");
                }
                history = chat.roomHistory(room, page);
            } else if (Arguments.has(data, "from")) {
                long from = Arguments.id(data, "from").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
                history = chat.conversation(user, from, page);
            } else {
                history = chat.directMessages(user, page);
            }
            Map<Long, JsonObject> senders = delivery.senderDocuments(history.items());
            var docs = JsonFactory.arrayBuilder();
            for (Message message : history.items()) {
                JsonObject from = senders.get(message.senderId());
                docs.add(message.toEvent(from, message.recipientId().orElse(user)));
            }
            return Reply.ok()
                    .with("currentPage", history.number())
                    .with("lastPage", history.lastPage())
                    .with("docs", docs.build());
        };
    }

    /** The page asked for: a positive integer, 1 when absent. */
    private static int page(JsonObject data) {
        if (!Arguments.has(data, "page")) {
            return 1;
        }
        if (data.get("page") instanceof JsonNumber number && number.isIntegral()
                && number.bigDecimalValue().compareTo(java.math.BigDecimal.ONE) >= 0
                && number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(1_000_000)) <= 0) {
            return number.intValue();
        }
        var id = Arguments.id(data, "page");
        if (id.isPresent() && id.getAsLong() <= 1_000_000) {
            return (int) id.getAsLong();
        }
        throw new Refused(Reason.INVALID, "page must be a positive integer");
    }
}
