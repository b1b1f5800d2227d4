package org.nodeim.refusal;

/** Why a request was refused, in the domain's words; the command layer turns it into a wire code. */
public enum Reason {
    /** A value of the wrong type, shape or size. */
    INVALID,
    /** An argument the request cannot do without is absent. */
    MISSING,
    /** The request needs a signed-in connection. */
    NOT_SIGNED_IN,
    /** The connection is signed in already. */
    ALREADY_SIGNED_IN,
    /** Not allowed for this user (a disabled account, a request to oneself). */
    FORBIDDEN,
    /** What the request names does not exist, or is not the caller's to see. */
    NOT_FOUND,
    /** The name asked for belongs to someone else. */
    TAKEN,
    /** The account has no security question to check. */
    NO_QUESTION,
    /** The security answer does not match. */
    WRONG_ANSWER,
    /** Done already: a repeated friend request, or friends already. */
    REPEATED,
    /** The connection closed while the request ran. */
    CLOSED,
    /** Too many attempts, connections or waiting requests: try again later. */
    TOO_MANY,
    /** The server cannot take more work now: try again. */
    BUSY
}
