package org.nodeim.room;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.nodeim.account.UserDeleted;
import org.nodeim.account.UserDirectory;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.cluster.ClusterNotice;

/**
 * Who is in each room, kept in memory once read, so that posting in a room reads nothing from
 * the database. An entry goes once a change to the room's members commits; a room is loaded
 * inside the map's own lock for its key, so that a load that began before such a commit is
 * over before the entry is removed.
 */
@ApplicationScoped
public class RoomMembers {

    /** What other nodes of a cluster hear when a room's members change. */
    static final String MEMBERS_NOTICE = "room.members";

    /** Rooms kept at most; past that, some are dropped at random. */
    static final int MAX_ROOMS = 10_000;

    /**
     * A room that exists, its members in the order they joined, and until when (ms since the
     * epoch) those who are muted may not post.
     */
    public record Members(long roomId, List<Long> userIds, Set<Long> userIdSet, Map<Long, Long> mutedUntil) {

        static Members of(long roomId, List<RoomMember> memberships) {
            var muted = new HashMap<Long, Long>();
            memberships.forEach(member -> member.mutedUntil(0).ifPresent(until -> muted.put(member.userId(), until)));
            List<Long> userIds = memberships.stream().map(RoomMember::userId).toList();
            return new Members(roomId, userIds, Set.copyOf(userIds), Map.copyOf(muted));
        }

        public boolean includes(long userId) {
            return userIdSet.contains(userId);
        }

        /** Until when the member may not post, if muted at that time. */
        public Optional<Long> mutedUntil(long userId, long now) {
            Long until = mutedUntil.get(userId);
            return until != null && until > now ? Optional.of(until) : Optional.empty();
        }
    }

    @EJB
    RoomService rooms;

    @Inject
    ClusterNode cluster;

    private final Map<Long, Members> byRoom = new ConcurrentHashMap<>();

    /** The members of a room, if the room exists. */
    public Optional<Members> of(long roomId) {
        Members cached = byRoom.get(roomId);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (byRoom.size() >= MAX_ROOMS) {
            byRoom.keySet().removeIf(key -> ThreadLocalRandom.current().nextInt(4) == 0);
        }
        return Optional.ofNullable(byRoom.computeIfAbsent(roomId, id -> rooms.find(id)
                .map(room -> Members.of(id, rooms.membersOf(id)))
                .orElse(null)));
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged changed) {
        byRoom.remove(changed.roomId());
        cluster.notice(MEMBERS_NOTICE, changed.roomId());
    }

    void userDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserDeleted deleted) {
        forgetRoomsOf(deleted.userId());
    }

    /** Another node changed a room's members, or deleted a user (who was in some rooms). */
    void noticed(@Observes ClusterNotice notice) {
        if (notice.is(MEMBERS_NOTICE)) {
            byRoom.remove(notice.id());
        } else if (notice.is(UserDirectory.DELETED_NOTICE)) {
            forgetRoomsOf(notice.id());
        }
    }

    private void forgetRoomsOf(long userId) {
        byRoom.values().removeIf(members -> members.includes(userId));
    }
}
