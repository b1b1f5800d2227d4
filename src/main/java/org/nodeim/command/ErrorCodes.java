package org.nodeim.command;

import java.util.Set;
import org.nodeim.refusal.Reason;

/** The one table of the codes a refused command answers with (PROTOCOL.md sections 1 and 3). */
public final class ErrorCodes {

    /** An unexpected failure of the server. */
    public static final int INTERNAL = 500;

    /** The commands whose missing arguments answer 404, as the original server did; others answer 403. */
    private static final Set<String> MISSING_IS_NOT_FOUND = Set.of("message", "room.create", "room.message",
            "profile", "retrieve");

    private ErrorCodes() {
    }

    /** The code that a refusal of that command answers with. */
    public static int code(String command, Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case MISSING -> MISSING_IS_NOT_FOUND.contains(command) ? 404 : 403;
            case NOT_SIGNED_IN, FORBIDDEN -> 403;
            case ALREADY_SIGNED_IN -> 402;
            case NOT_FOUND -> 404;
            case TAKEN, NO_QUESTION -> 405;
            case WRONG_ANSWER -> 406;
            case REPEATED -> 306;
            case CLOSED -> 410;
            case TOO_MANY -> 429;
            case BUSY -> 503;
        };
    }
}
