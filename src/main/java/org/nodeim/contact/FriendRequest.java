package org.nodeim.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** A pending request of {@code requester} to become friends with {@code target}. */
@Entity
@Table(name = "NODEIM_FRIEND_REQUEST",
        uniqueConstraints = @UniqueConstraint(columnNames = {"REQUESTER_ID", "TARGET_ID"}))
@NamedQuery(name = FriendRequest.BETWEEN, query = "SELECT r FROM FriendRequest r WHERE r.requesterId = :requester"
        + " AND r.targetId = :target")
@NamedQuery(name = FriendRequest.TO_TARGET, query = "SELECT r FROM FriendRequest r WHERE r.targetId = :target ORDER BY r.id")
@NamedQuery(name = FriendRequest.DELETE_OF_USER, query = "DELETE FROM FriendRequest r WHERE r.requesterId = :user"
        + " OR r.targetId = :user")
public class FriendRequest {

    public static final String BETWEEN = "FriendRequest.between";
    public static final String DELETE_OF_USER = "FriendRequest.deleteOfUser";
    static final String TO_TARGET = "FriendRequest.toTarget";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "REQUESTER_ID", nullable = false)
    private long requesterId;

    @Column(name = "TARGET_ID", nullable = false)
    private long targetId;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected FriendRequest() {
    }

    public FriendRequest(long requesterId, long targetId) {
        this.requesterId = requesterId;
        this.targetId = targetId;
        this.createdAt = Instant.now();
    }

    long requesterId() {
        return requesterId;
    }

    Instant createdAt() {
        return createdAt;
    }
}
