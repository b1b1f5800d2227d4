package org.nodeim.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user invited into a room by one of its owner or admins; used up when the user joins. */
@Entity
@Table(name = "NODEIM_ROOM_INVITE")
@NamedQuery(name = RoomInvitation.ONE, query = "SELECT i FROM RoomInvitation i WHERE i.roomId = :room AND i.userId = :user")
@NamedQuery(name = RoomInvitation.OF_USER, query = "SELECT i FROM RoomInvitation i WHERE i.userId = :user ORDER BY i.id DESC")
@NamedQuery(name = RoomInvitation.DELETE_OF_ROOM, query = "DELETE FROM RoomInvitation i WHERE i.roomId = :room")
@NamedQuery(name = RoomInvitation.DELETE_OF_USER, query = "DELETE FROM RoomInvitation i WHERE i.userId = :user OR i.byId = :user")
public class RoomInvitation {

    static final String ONE = "RoomInvitation.one";
    static final String OF_USER = "RoomInvitation.ofUser";
    static final String DELETE_OF_ROOM = "RoomInvitation.deleteOfRoom";
    static final String DELETE_OF_USER = "RoomInvitation.deleteOfUser";

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

    protected RoomInvitation() {
    }

    RoomInvitation(long roomId, long userId, long byId, long now) {
        this.roomId = roomId;
        this.userId = userId;
        this.byId = byId;
        this.createdAt = now;
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
}
