package org.nodeim.presence;

import jakarta.json.JsonObject;

/**
 * A connection was signed in, and its answer sent. Observers, in order of priority: presence
 * to friends, room re-entry, then the messages that waited while the user was offline.
 *
 * @param firstConnection whether the user had no other connection (came online)
 */
public record SignedIn(Connection connection, long userId, JsonObject document, boolean firstConnection) {

    public static final int PRESENCE = 100;
    public static final int ROOMS = 200;
    public static final int WAITING_MESSAGES = 300;
}
