package org.nodeim.room;

import java.util.Optional;

/**
 * A room's owner or an admin changed something (an invitation, a kick, a ban, a mute, a
 * role, the room's settings), inside that transaction: the audit log records it.
 *
 * @param until the end of a ban or mute (ms since the epoch), when it has one
 * @param detail what else says what changed (the new role, the room's new settings)
 */
public record RoomModerated(long roomId, String roomName, long actorId, String action, long userId,
        Optional<Long> until, String detail) {
}
