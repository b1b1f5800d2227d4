package org.nodeim.upload;

import jakarta.ejb.ApplicationException;

/**
 * An upload that is not accepted, with the HTTP status and a message fit for the user. Rolls
 * back the transaction it is thrown from.
 */
@ApplicationException(rollback = true)
public class UploadRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public UploadRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
