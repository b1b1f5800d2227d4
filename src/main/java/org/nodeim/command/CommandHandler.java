package org.nodeim.command;

import jakarta.json.JsonObject;
import org.nodeim.presence.Connection;

/**
 * Answers one client command. Runs after the shared checks: the command exists, its data is
 * an object, and the caller is signed in where the command needs it.
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * @throws CommandFailure for an answer with an error code
     */
    Reply handle(Connection caller, JsonObject data);
}
