package org.nodeim.session;

/** The last connection of a user was signed out or closed. */
public record UserWentOffline(long userId) {
}
