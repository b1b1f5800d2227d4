package org.nodeim.chat;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nodeim.account.Blocks;
import org.nodeim.account.UserDirectory;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.database.Database;
import org.nodeim.database.Page;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.room.RoomMember;
import org.nodeim.room.RoomMembers;
import org.nodeim.room.RoomService;
import org.nodeim.session.SessionRegistry;

/** The chat commands: message (direct), room.message, typing, log (history) and search. */
@ApplicationScoped
public class ChatCommands {

    @EJB
    ChatService chat;

    @Inject
    MessageDelivery delivery;

    @Inject
    MessageComposer composer;

    @Inject
    MessageJournal journal;

    @Inject
    RoomMembers roomMembers;

    @EJB
    RoomService rooms;

    @Inject
    UserDirectory users;

    @Inject
    TypingNotices typingNotices;

    @Inject
    SessionRegistry registry;

    @Inject
    Blocks blocks;

    @Inject
    DeliveryLedger ledger;

    static final String TYPING_EVENT = "typing";

    static final String READ_EVENT = "read";

    /** The longest text a search looks for. */
    static final int MAX_SEARCH_LENGTH = 200;

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
            long sender = caller.userId().orElseThrow();
            if (blocks.blocks(to, sender)) {
                return Reply.ok(); // as to anyone offline: nothing tells the sender
            }
            Message message = composer.direct(sender, to, text, data.get("time"));
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
            RoomMembers.Members members = memberOf(user, roomId);
            members.mutedUntil(user, System.currentTimeMillis()).ifPresent(until -> {
                throw new Refused(Reason.FORBIDDEN, "muted in this room until " + Instant.ofEpochMilli(until));
            });
            Message message = composer.inRoom(user, roomId, text, data.get("time"));
            List<Long> recipients = notBlocking(members.userIds(), user);
            return Reply.when(journal.append(message).thenApply(stored -> Reply.ok()
                    .andThen(() -> delivery.deliverToMembers(stored, recipients))));
        };
    }

    /**
     * {@code message.edit {id, message}}: replaces the text of one of the caller's messages
     * (direct or room) within the edit window; the other side (and the caller's connections)
     * get {@code message.edit {id, from, to | room, message, edited}}; history shows the new
     * text with {@code edited}.
     */
    @Produces
    @Command("message.edit")
    CommandHandler editMessage() {
        return (caller, data) -> {
            long id = messageId(data);
            String text = Arguments.text(data, "message").filter(m -> !m.isEmpty())
                    .orElseThrow(() -> new Refused(Reason.MISSING, "message required"));
            Message edited = chat.edit(caller.userId().orElseThrow(), id, composer.clean(text));
            return changed(edited, "message.edit");
        };
    }

    /**
     * {@code message.retract {id}}: takes back one of the caller's messages within the edit
     * window; the other side gets {@code message.retract {id, from, to | room, retracted, edited}};
     * history keeps its place with an empty text and {@code retracted: true}.
     */
    @Produces
    @Command("message.retract")
    CommandHandler retractMessage() {
        return (caller, data) -> changed(chat.retract(caller.userId().orElseThrow(), messageId(data)), "message.retract");
    }

    private static long messageId(JsonObject data) {
        if (!Arguments.has(data, "id")) {
            throw new Refused(Reason.MISSING, "id (of a message) required");
        }
        return Arguments.id(data, "id").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "no such message of yours"));
    }

    /** Once the change is committed: copies waiting in memory take it, and every reader's connections hear of it. */
    private Reply changed(Message stored, String event) {
        return Reply.ok().andThen(() -> {
            ledger.changed(stored);
            long sender = stored.senderId();
            var readers = new LinkedHashSet<Long>();
            readers.add(sender);
            stored.recipientId().ifPresent(readers::add);
            stored.roomId().flatMap(roomMembers::of).ifPresent(members -> readers.addAll(members.userIds()));
            readers.removeAll(blocks.blockersOf(sender));
            JsonObject change = stored.toChange();
            for (long reader : readers) {
                registry.sendTo(reader, event, change);
            }
        });
    }

    /**
     * {@code read {with | room, upTo}}: the caller has read that conversation up to that
     * message id. The position only moves forward and is stored; when it moves, the other user
     * (or the room's members) and the caller's connections get {@code read {by, with | room,
     * upTo, time}}. Answers {@code upTo}, the position now.
     */
    @Produces
    @Command("read")
    CommandHandler read() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            ReadConversation conversation = readConversation(user, data);
            long upTo = Arguments.id(data, "upTo").orElseThrow(() -> new Refused(Reason.MISSING, "upTo (a message id) required"));
            ChatService.Read read;
            try {
                read = chat.markRead(user, conversation.key(), upTo);
            } catch (RuntimeException e) {
                if (!Database.isConstraintViolation(e)) {
                    throw e;
                }
                read = chat.markRead(user, conversation.key(), upTo); // another connection created the row first
            }
            if (!read.moved()) {
                return Reply.ok().with("upTo", read.upTo());
            }
            var event = JsonFactory.objectBuilder().add("by", user);
            conversation.peer().ifPresent(peer -> event.add("with", peer));
            conversation.room().ifPresent(room -> event.add("room", room));
            JsonObject payload = event.add("upTo", read.upTo()).add("time", read.readAt()).build();
            Set<Long> blockers = blocks.blockersOf(user);
            return Reply.ok().with("upTo", read.upTo()).andThen(() -> conversation.readers().stream()
                    .filter(reader -> !blockers.contains(reader))
                    .forEach(reader -> registry.sendTo(reader, READ_EVENT, payload)));
        };
    }

    /**
     * {@code reads {with | room}}: how far each reader of that conversation has read it:
     * {@code reads}, a list of {@code {user, upTo, time}} (the caller's own included; those who
     * never said are left out).
     */
    @Produces
    @Command("reads")
    CommandHandler reads() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            ReadConversation conversation = readConversation(user, data);
            Set<Long> hidden = blocks.blockedBy(user);
            var list = JsonFactory.arrayBuilder();
            for (ReadPosition position : chat.readPositions(conversation.key())) {
                if (!hidden.contains(position.readerId())) {
                    list.add(JsonFactory.objectBuilder().add("user", position.readerId()).add("upTo", position.upTo())
                            .add("time", position.readAt()));
                }
            }
            return Reply.ok().with("reads", list.build());
        };
    }

    /**
     * {@code deliveries {with | room}}: what reached whom in that conversation. With a user:
     * {@code deliveries}, a list of {@code {user, device, upTo, time}}, how far each device of
     * the two of you has received the other's messages (as the {@code delivered} events told);
     * in a room: {@code {user, upTo}}, the last room message that reached each member (written
     * within a second). Those the caller blocks, or who block the caller, are left out.
     */
    @Produces
    @Command("deliveries")
    CommandHandler deliveries() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            ReadConversation conversation = readConversation(user, data);
            Set<Long> hidden = new HashSet<>(blocks.blockedBy(user));
            hidden.addAll(blocks.blockersOf(user));
            var list = JsonFactory.arrayBuilder();
            if (conversation.room().isPresent()) {
                for (RoomMember member : rooms.membersOf(conversation.room().get())) {
                    if (!hidden.contains(member.userId())) {
                        list.add(JsonFactory.objectBuilder().add("user", member.userId()).add("upTo", member.lastMessageId()));
                    }
                }
            } else {
                for (DeliveredPosition position : chat.deliveredPositions(conversation.key())) {
                    if (!hidden.contains(position.userId())) {
                        list.add(JsonFactory.objectBuilder().add("user", position.userId()).add("device", position.deviceId())
                                .add("upTo", position.upTo()).add("time", position.deliveredAt()));
                    }
                }
            }
            return Reply.ok().with("deliveries", list.build());
        };
    }

    /** A conversation as {@code read}, {@code reads} and {@code deliveries} name it, and who hears of its reads. */
    private record ReadConversation(String key, Optional<Long> peer, Optional<Long> room, Collection<Long> readers) {
    }

    private ReadConversation readConversation(long user, JsonObject data) {
        if (Arguments.has(data, "room")) {
            long room = Arguments.id(data, "room").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
            RoomMembers.Members members = memberOf(user, room);
            return new ReadConversation(ReadPosition.ofRoom(room), Optional.empty(), Optional.of(room), members.userIds());
        }
        if (!Arguments.has(data, "with")) {
            throw new Refused(Reason.MISSING, "with (a user id) or room required");
        }
        long peer = Arguments.id(data, "with").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
        if (peer == user || !users.exists(peer)) {
            throw new Refused(Reason.NOT_FOUND, "unknown user");
        }
        return new ReadConversation(ReadPosition.between(user, peer), Optional.of(peer), Optional.empty(), List.of(user, peer));
    }

    /**
     * {@code typing {to}} or {@code typing {room}}: tells the other user's connections, or the
     * room's other members, that the caller is writing, as the event {@code typing {from, to |
     * room, expires}}; at most one every {@link TypingNotices#INTERVAL_MILLIS} ms per
     * conversation goes out (the answer is 200 either way, with {@code sent}). Never stored.
     */
    @Produces
    @Command("typing")
    CommandHandler typing() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            if (Arguments.has(data, "room")) {
                long roomId = Arguments.id(data, "room").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
                RoomMembers.Members members = memberOf(user, roomId);
                if (!typingNotices.admit(user, "r" + roomId, System.currentTimeMillis())) {
                    return Reply.ok().with("sent", JsonValue.FALSE);
                }
                JsonObject event = typingEvent(user).add("room", roomId).build();
                return Reply.ok().with("sent", JsonValue.TRUE).andThen(() -> notBlocking(members.userIds(), user).stream()
                        .filter(member -> member != user)
                        .forEach(member -> registry.sendTo(member, TYPING_EVENT, event)));
            }
            long to = Arguments.id(data, "to").orElseThrow(() -> new Refused(Reason.MISSING, "to (a user id) or room required"));
            if (to == user || !users.exists(to)) {
                throw new Refused(Reason.NOT_FOUND, "unknown user");
            }
            if (!typingNotices.admit(user, "u" + to, System.currentTimeMillis())) {
                return Reply.ok().with("sent", JsonValue.FALSE);
            }
            if (blocks.blocks(to, user)) {
                return Reply.ok().with("sent", JsonValue.TRUE);
            }
            JsonObject event = typingEvent(user).add("to", to).build();
            return Reply.ok().with("sent", JsonValue.TRUE).andThen(() -> registry.sendTo(to, TYPING_EVENT, event));
        };
    }

    private static JsonObjectBuilder typingEvent(long from) {
        return JsonFactory.objectBuilder().add("from", from).add("expires", TypingNotices.SHOWN_MILLIS);
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
                memberOf(user, room);
                history = chat.roomHistory(room, page, blocks.blockedBy(user));
            } else if (Arguments.has(data, "from")) {
                long from = Arguments.id(data, "from").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
                history = chat.conversation(user, from, page);
            } else {
                history = chat.directMessages(user, page);
            }
            return pageOf(history, user);
        };
    }

    /**
     * {@code search {from | room, text, page}}: the messages of that conversation or room whose
     * text contains {@code text} (case aside), newest first, answered like {@code log}.
     */
    @Produces
    @Command("search")
    CommandHandler search() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            String words = Arguments.text(data, "text").map(String::strip).filter(text -> !text.isEmpty())
                    .orElseThrow(() -> new Refused(Reason.MISSING, "text required"));
            if (words.length() > MAX_SEARCH_LENGTH) {
                throw new Refused(Reason.INVALID, "text: at most " + MAX_SEARCH_LENGTH + " characters");
            }
            int page = page(data);
            if (Arguments.has(data, "room")) {
                long room = Arguments.id(data, "room").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
                memberOf(user, room);
                return pageOf(chat.searchRoom(room, words, page, blocks.blockedBy(user)), user);
            }
            long from = Arguments.id(data, "from")
                    .orElseThrow(() -> new Refused(Reason.MISSING, "from (a user id) or room required"));
            return pageOf(chat.searchConversation(user, from, words, page), user);
        };
    }

    /** The members of a room the user is in (kept in memory); 404 for an unknown room, or one the user is not in. */
    private RoomMembers.Members memberOf(long user, long roomId) {
        RoomMembers.Members members = roomMembers.of(roomId).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
        if (!members.includes(user)) {
            throw new Refused(Reason.NOT_FOUND, "not a member of this room");
        }
        return members;
    }

    /** These members, but those who block the sender. */
    private List<Long> notBlocking(List<Long> members, long sender) {
        Set<Long> blockers = blocks.blockersOf(sender);
        return blockers.isEmpty() ? members : members.stream().filter(member -> !blockers.contains(member)).toList();
    }

    /** A page of history as {@code log} answers it: {@code currentPage}, {@code lastPage}, {@code docs}. */
    private Reply pageOf(Page<Message> history, long user) {
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
