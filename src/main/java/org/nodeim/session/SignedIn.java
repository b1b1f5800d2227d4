package org.nodeim.session;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * A connection was signed in, and its answer sent. Observers, in order of priority: presence
 * to friends, room re-entry, then the messages that waited while the user was offline.
 *
 * @param firstConnection whether the user had no other connection (came online)
 * @param rooms           the user's rooms as the signin answer gave them (each with its {@code id})
 */
public record SignedIn(Connection connection, long userId, JsonObject document, boolean firstConnection,
                       JsonArray rooms) {

    public static final int PRESENCE = 100;
    public static final int ROOMS = 200;
    public static final int WAITING_MESSAGES = 300;
}
