package org.nodeim.account;

import jakarta.json.JsonArray;

/**
 * The rooms a user belongs to, as the signin answer lists them. The room feature provides it,
 * so that accounts need not know rooms.
 */
public interface UserRooms {

    /** The documents of the user's rooms, each with its {@code id}. */
    JsonArray of(long userId);
}
