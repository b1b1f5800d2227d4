package org.nodeim.account;

/**
 * A user is being deleted, inside the deleting transaction: each feature observes it and
 * removes what it keeps of the user.
 */
public record UserDeleted(long userId) {
}
