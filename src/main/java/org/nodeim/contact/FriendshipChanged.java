package org.nodeim.contact;

/** Two users became friends, or stopped being friends; fired in the transaction that did it. */
public record FriendshipChanged(long user, long friend) {
}
