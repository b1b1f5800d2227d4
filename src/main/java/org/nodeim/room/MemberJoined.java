package org.nodeim.room;

/**
 * A user is joining a room, inside that transaction, before the membership is stored: an
 * observer may set where the new member starts reading ({@link RoomMember#startAfter}).
 */
public record MemberJoined(RoomMember membership) {
}
