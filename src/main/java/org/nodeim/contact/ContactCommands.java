package org.nodeim.contact;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nodeim.account.AccountService;
import org.nodeim.account.Blocks;
import org.nodeim.chat.Message;
import org.nodeim.chat.MessageDelivery;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.json.JsonFactory;
import org.nodeim.presence.Presences;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** The contact commands: subscribe, reply, unsubscribe, friends, group. */
@ApplicationScoped
public class ContactCommands {

    @EJB
    ContactService contacts;

    @EJB
    AccountService accounts;

    @Inject
    MessageDelivery delivery;

    @Inject
    Presences presences;

    @Inject
    Blocks blocks;

    @Produces
    @Command("subscribe")
    CommandHandler subscribe() {
        return (caller, data) -> {
            long to = userId(data, "to");
            String message = Arguments.optionalText(data, "message").orElse(null);
            if (blocks.blocks(to, caller.userId().orElseThrow())) {
                return Reply.ok(); // as if asked: nothing tells the requester
            }
            Message request = contacts.subscribe(caller.userId().orElseThrow(), to, message);
            return Reply.ok().andThen(() -> delivery.deliverDirect(request));
        };
    }

    /**
     * {@code requests}: the friend requests waiting for the caller's answer, oldest first, as
     * {@code requests: [{from: USERDOC, time}]} (those of users the caller blocks left out).
     */
    @Produces
    @Command("requests")
    CommandHandler requests() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            Set<Long> hidden = blocks.blockedBy(user);
            List<FriendRequest> waiting = contacts.requestsTo(user).stream()
                    .filter(request -> !hidden.contains(request.requesterId())).toList();
            Map<Long, JsonObject> documents = accounts.documents(waiting.stream().map(FriendRequest::requesterId).toList());
            var list = JsonFactory.arrayBuilder();
            for (FriendRequest request : waiting) {
                list.add(JsonFactory.objectBuilder().add("from", documents.get(request.requesterId()))
                        .add("time", request.createdAt().toEpochMilli()));
            }
            return Reply.ok().with("requests", list.build());
        };
    }

    @Produces
    @Command("reply")
    CommandHandler reply() {
        return (caller, data) -> {
            long to = userId(data, "to");
            String message = Arguments.optionalText(data, "message").orElse(null);
            Message answer = contacts.reply(caller.userId().orElseThrow(), to, message, Arguments.flag(data, "refuse"));
            return Reply.ok().andThen(() -> delivery.deliverDirect(answer));
        };
    }

    @Produces
    @Command("unsubscribe")
    CommandHandler unsubscribe() {
        return (caller, data) -> {
            long friend = userId(data, Arguments.has(data, "to") ? "to" : "id");
            contacts.unsubscribe(caller.userId().orElseThrow(), friend);
            return Reply.ok();
        };
    }

    @Produces
    @Command("friends")
    CommandHandler friends() {
        return (caller, data) -> {
            Optional<Long> only = Optional.empty();
            if (Arguments.has(data, "id")) {
                var id = Arguments.id(data, "id");
                if (id.isEmpty()) {
                    return Reply.ok().with("list", JsonValue.EMPTY_JSON_ARRAY);
                }
                only = Optional.of(id.getAsLong());
            }
            List<Friendship> friendships = contacts.friendships(caller.userId().orElseThrow(), only);
            Map<Long, JsonObject> documents = accounts.documents(friendships.stream().map(Friendship::friendId).toList());
            var list = JsonFactory.arrayBuilder();
            for (Friendship friendship : friendships) {
                long friend = friendship.friendId();
                var entry = JsonFactory.objectBuilder(documents.get(friend))
                        .add("presence", blocks.blocks(caller.userId().orElseThrow(), friend)
                                ? presences.offline() : presences.presenceOf(friend));
                friendship.group().ifPresentOrElse(group -> entry.add("group", group), () -> entry.add("group", JsonValue.NULL));
                list.add(entry);
            }
            return Reply.ok().with("list", list.build());
        };
    }

    @Produces
    @Command("group")
    CommandHandler group() {
        return (caller, data) -> {
            long friend = userId(data, "to");
            if (!Arguments.has(data, "group")) {
                throw new Refused(Reason.MISSING, "group required");
            }
            String group = Arguments.text(data, "group").filter(g -> g.length() <= Friendship.MAX_GROUP_LENGTH)
                    .orElseThrow(() -> new Refused(Reason.INVALID, "group must be a string of at most "
                            + Friendship.MAX_GROUP_LENGTH + " characters"));
            contacts.group(caller.userId().orElseThrow(), friend, group);
            return Reply.ok();
        };
    }

    /** A user id in a field: 403 when missing, 404 when it cannot name a user. */
    private static long userId(JsonObject data, String field) {
        if (!Arguments.has(data, field)) {
            throw new Refused(Reason.MISSING, field + " required");
        }
        return Arguments.id(data, field).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
    }
}
