package org.nodeim.command;

import jakarta.json.JsonObject;
import org.nodeim.session.Connection;

/**
 * Answers one client command. Runs after the shared checks: the command exists, its data is
 * an object, and the caller is signed in where the command needs it.
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * @throws org.nodeim.refusal.Refused for an answer with an error code
     */
    Reply handle(Connection caller, JsonObject data);
}
