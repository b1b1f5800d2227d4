package org.nodeim.room;

/** A room's members changed (someone joined or left, or the room was deleted), inside that transaction. */
public record MembershipChanged(long roomId) {
}
