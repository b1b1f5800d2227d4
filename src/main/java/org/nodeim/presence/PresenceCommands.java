package org.nodeim.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandFailure;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;

/** The presence command. */
@ApplicationScoped
public class PresenceCommands {

    static final int MAX_PRESENCE_LENGTH = 64;

    @Inject
    PresenceService presence;

    @Produces
    @Command("presence")
    CommandHandler presence() {
        return (caller, data) -> {
            if (!Arguments.has(data, "presence")) {
                throw new CommandFailure(403, "presence required");
            }
            String value = Arguments.text(data, "presence").filter(p -> !p.isEmpty() && p.length() <= MAX_PRESENCE_LENGTH)
                    .orElseThrow(() -> new CommandFailure(400, "presence must be a string of 1 to "
                            + MAX_PRESENCE_LENGTH + " characters"));
            long user = caller.userId().orElseThrow();
            return Reply.ok().andThen(() -> presence.change(user, value));
        };
    }
}
