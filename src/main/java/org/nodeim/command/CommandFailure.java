package org.nodeim.command;

import jakarta.ejb.ApplicationException;

/**
 * A command that cannot be carried out, with the code and message the client receives.
 * Rolls back the transaction it is thrown from; its message must be fit for the client.
 */
@ApplicationException(rollback = true)
public class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    public CommandFailure(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public Reply toReply() {
        return Reply.error(code, getMessage());
    }
}
