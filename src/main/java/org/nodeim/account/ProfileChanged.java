package org.nodeim.account;

/** A user's profile was changed, inside the changing transaction. */
public record ProfileChanged(long userId) {
}
