package org.nodeim.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Optional;

/**
 * A user's membership of a room, with the member's position in it: the last room message
 * that reached them. Room messages are stored once; positions say what a member missed.
 */
@Entity
@Table(name = "NODEIM_ROOM_MEMBER", uniqueConstraints = @UniqueConstraint(columnNames = {"ROOM_ID", "USER_ID"}),
        indexes = @Index(name = "NODEIM_ROOM_MEMBER_USER", columnList = "USER_ID"))
@NamedQuery(name = RoomMember.OF_ROOM, query = "SELECT m FROM RoomMember m WHERE m.roomId = :room ORDER BY m.id")
@NamedQuery(name = RoomMember.ADMINS_FIRST, query = "SELECT m FROM RoomMember m WHERE m.roomId = :room"
        + " ORDER BY m.role, m.id")
@NamedQuery(name = RoomMember.OF_USER, query = "SELECT m FROM RoomMember m WHERE m.userId = :user ORDER BY m.roomId")
@NamedQuery(name = RoomMember.ONE, query = "SELECT m FROM RoomMember m WHERE m.roomId = :room AND m.userId = :user")
@NamedQuery(name = RoomMember.ADVANCE, query = "UPDATE RoomMember m SET m.lastMessageId = :message"
        + " WHERE m.userId = :user AND m.roomId = :room AND m.lastMessageId < :message")
@NamedQuery(name = RoomMember.COUNT_BY_ROOM, query = "SELECT m.roomId, COUNT(m) FROM RoomMember m"
        + " WHERE m.roomId IN :rooms GROUP BY m.roomId")
@NamedQuery(name = RoomMember.DELETE_OF_USER, query = "DELETE FROM RoomMember m WHERE m.userId = :user")
@NamedQuery(name = RoomMember.DELETE_OF_ROOM, query = "DELETE FROM RoomMember m WHERE m.roomId = :room")
public class RoomMember {

    public static final String ADVANCE = "RoomMember.advance";
    public static final String COUNT_BY_ROOM = "RoomMember.countByRoom";
    public static final String DELETE_OF_USER = "RoomMember.deleteOfUser";
    public static final String DELETE_OF_ROOM = "RoomMember.deleteOfRoom";

    public static final String OF_ROOM = "RoomMember.ofRoom";
    public static final String OF_USER = "RoomMember.ofUser";
    public static final String ONE = "RoomMember.one";
    static final String ADMINS_FIRST = "RoomMember.adminsFirst";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "ROOM_ID", nullable = false)
    private long roomId;

    @Column(name = "USER_ID", nullable = false)
    private long userId;

    @Column(name = "JOINED_AT", nullable = false)
    private Instant joinedAt;

    @Column(name = "LAST_MESSAGE_ID", nullable = false)
    private long lastMessageId;

    /** {@code admin} or {@code member}; the owner is the room's ({@link Room#isOwner}). */
    @Column(name = "ROLE_NAME", nullable = false, length = 16)
    private String role = RoomRole.MEMBER.wireName();

    /** Until when (ms since the epoch) the member may not post; null when not muted. */
    @Column(name = "MUTED_UNTIL")
    private Long mutedUntil;

    protected RoomMember() {
    }

    public RoomMember(long roomId, long userId, long lastMessageId) {
        this.roomId = roomId;
        this.userId = userId;
        this.lastMessageId = lastMessageId;
        this.joinedAt = Instant.now();
    }

    public long roomId() {
        return roomId;
    }

    public long userId() {
        return userId;
    }

    public long lastMessageId() {
        return lastMessageId;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    /** The member's role in the room, the owner's included. */
    public RoomRole role(Room room) {
        return room.isOwner(userId) ? RoomRole.OWNER : RoomRole.named(role).orElse(RoomRole.MEMBER);
    }

    void setRole(RoomRole role) {
        this.role = (role == RoomRole.OWNER ? RoomRole.ADMIN : role).wireName();
    }

    /** Until when the member may not post, if muted now. */
    public Optional<Long> mutedUntil(long now) {
        return mutedUntil != null && mutedUntil > now ? Optional.of(mutedUntil) : Optional.empty();
    }

    void muteUntil(Long until) {
        this.mutedUntil = until;
    }

    /** Starts a new member after that room message: what came before is not theirs to receive. */
    public void startAfter(long messageId) {
        lastMessageId = messageId;
    }

}
