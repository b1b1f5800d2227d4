package org.nodeim.refusal;

import jakarta.ejb.ApplicationException;

/**
 * A request the domain refuses, with the reason and a message fit for the client. Rolls back
 * the transaction it is thrown from. Services throw it; the command layer maps its reason to
 * a wire code, the console shows its message.
 */
@ApplicationException(rollback = true)
public class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public Refused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
