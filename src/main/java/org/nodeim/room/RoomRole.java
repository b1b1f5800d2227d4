package org.nodeim.room;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a member may do in a room: an owner more than an admin, an admin more than a member. */
public enum RoomRole {
    MEMBER, ADMIN, OWNER;

    /** The role's name on the wire and in the database: {@code owner}, {@code admin}, {@code member}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RoomRole> named(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst();
    }

    /** Whether this role may moderate (kick, ban, mute, invite, change the room). */
    public boolean moderates() {
        return this != MEMBER;
    }

    /** Whether one of this role may act on one of that role: only on lower roles. */
    public boolean outranks(RoomRole other) {
        return compareTo(other) > 0;
    }
}
