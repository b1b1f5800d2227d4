package org.nodeim.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** The presence command. */
@ApplicationScoped
public class PresenceCommands {

    static final int MAX_PRESENCE_LENGTH = 64;

    @Inject
    Presences presences;

    @Produces
    @Command("presence")
    CommandHandler presence() {
        return (caller, data) -> {
            if (!Arguments.has(data, "presence")) {
                throw new Refused(Reason.MISSING, "presence required");
            }
            String value = Arguments.text(data, "presence").filter(p -> !p.isEmpty() && p.length() <= MAX_PRESENCE_LENGTH)
                    .orElseThrow(() -> new Refused(Reason.INVALID, "presence must be a string of 1 to "
                            + MAX_PRESENCE_LENGTH + " characters"));
            long user = caller.userId().orElseThrow();
            return Reply.ok().andThen(() -> presences.change(user, value));
        };
    }
}
