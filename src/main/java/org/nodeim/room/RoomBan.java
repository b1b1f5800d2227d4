package org.nodeim.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Optional;

/** A user kept out of a room, for good or until a time; a ban that has ended counts for nothing. */
@Entity
@Table(name = "NODEIM_ROOM_BAN")
@NamedQuery(name = RoomBan.ONE, query = "SELECT b FROM RoomBan b WHERE b.roomId = :room AND b.userId = :user")
@NamedQuery(name = RoomBan.OF_ROOM, query = "SELECT b FROM RoomBan b WHERE b.roomId = :room ORDER BY b.id")
@NamedQuery(name = RoomBan.DELETE_OF_ROOM, query = "DELETE FROM RoomBan b WHERE b.roomId = :room")
@NamedQuery(name = RoomBan.DELETE_OF_USER, query = "DELETE FROM RoomBan b WHERE b.userId = :user")
public class RoomBan {

    static final String ONE = "RoomBan.one";
    static final String OF_ROOM = "RoomBan.ofRoom";
    static final String DELETE_OF_ROOM = "RoomBan.deleteOfRoom";
    static final String DELETE_OF_USER = "RoomBan.deleteOfUser";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "ROOM_ID", nullable = false)
    private long roomId;

    @Column(name = "USER_ID", nullable = false)
    private long userId;

    @Column(name = "BY_ID", nullable = false)
    private long byId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** Ms since the epoch; null for a ban without end. */
    @Column(name = "UNTIL_AT")
    private Long until;

    protected RoomBan() {
    }

    RoomBan(long roomId, long userId, long byId, long now, Long until) {
        this.roomId = roomId;
        this.userId = userId;
        renew(byId, now, until);
    }

    void renew(long byId, long now, Long until) {
        this.byId = byId;
        this.createdAt = now;
        this.until = until;
    }

    public long roomId() {
        return roomId;
    }

    public long userId() {
        return userId;
    }

    public long byId() {
        return byId;
    }

    public long createdAt() {
        return createdAt;
    }

    public Optional<Long> until() {
        return Optional.ofNullable(until);
    }

    public boolean inForce(long now) {
        return until == null || until > now;
    }
}
