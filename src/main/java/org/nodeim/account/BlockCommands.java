package org.nodeim.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** The blocking commands: block, unblock, blocked. */
@ApplicationScoped
public class BlockCommands {

    @EJB
    BlockService service;

    @Inject
    UserDirectory users;

    /** {@code block {id}}: 403 without an id; 404 unknown user or oneself. */
    @Produces
    @Command("block")
    CommandHandler block() {
        return (caller, data) -> {
            service.block(caller.userId().orElseThrow(), other(data));
            return Reply.ok();
        };
    }

    /** {@code unblock {id}}: 200 also when that user was not blocked; 403 without an id. */
    @Produces
    @Command("unblock")
    CommandHandler unblock() {
        return (caller, data) -> {
            service.unblock(caller.userId().orElseThrow(), other(data));
            return Reply.ok();
        };
    }

    /** {@code blocked}: {@code users}, the documents of the users the caller blocks, first blocked first. */
    @Produces
    @Command("blocked")
    CommandHandler blocked() {
        return (caller, data) -> {
            List<Long> ids = service.blockedBy(caller.userId().orElseThrow());
            Map<Long, JsonObject> documents = users.documents(ids);
            var list = JsonFactory.arrayBuilder();
            ids.forEach(id -> list.add(documents.get(id)));
            return Reply.ok().with("users", list.build());
        };
    }

    /** The user named by {@code id} (or {@code to}). */
    private static long other(JsonObject data) {
        String field = Arguments.has(data, "id") ? "id" : "to";
        if (!Arguments.has(data, field)) {
            throw new Refused(Reason.MISSING, "id (a user id) required");
        }
        return Arguments.id(data, field).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
    }
}
