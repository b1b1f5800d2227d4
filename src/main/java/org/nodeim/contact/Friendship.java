package org.nodeim.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.Optional;

/**
 * One side of a friendship: {@code owner} counts {@code friend} among their friends, in a
 * group of the owner's choosing. Friendship is mutual: both sides exist or neither.
 */
@Entity
@Table(name = "NODEIM_FRIEND", uniqueConstraints = @UniqueConstraint(columnNames = {"OWNER_ID", "FRIEND_ID"}))
@NamedQuery(name = Friendship.OF_OWNER, query = "SELECT f FROM Friendship f WHERE f.ownerId = :owner ORDER BY f.id")
@NamedQuery(name = Friendship.BETWEEN, query = "SELECT f FROM Friendship f WHERE f.ownerId = :owner AND f.friendId = :friend")
@NamedQuery(name = Friendship.DELETE_PAIR, query = "DELETE FROM Friendship f WHERE (f.ownerId = :a AND f.friendId = :b)"
        + " OR (f.ownerId = :b AND f.friendId = :a)")
@NamedQuery(name = Friendship.DELETE_OF_USER, query = "DELETE FROM Friendship f WHERE f.ownerId = :user"
        + " OR f.friendId = :user")
public class Friendship {

    public static final String DELETE_OF_USER = "Friendship.deleteOfUser";

    public static final String OF_OWNER = "Friendship.ofOwner";
    public static final String BETWEEN = "Friendship.between";
    public static final String DELETE_PAIR = "Friendship.deletePair";

    /** The longest group name. */
    public static final int MAX_GROUP_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "OWNER_ID", nullable = false)
    private long ownerId;

    @Column(name = "FRIEND_ID", nullable = false)
    private long friendId;

    @Column(name = "GROUP_NAME", length = MAX_GROUP_LENGTH * 2)
    private String group;

    protected Friendship() {
    }

    public Friendship(long ownerId, long friendId) {
        this.ownerId = ownerId;
        this.friendId = friendId;
    }

    public long friendId() {
        return friendId;
    }

    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    public void moveToGroup(String group) {
        this.group = group;
    }
}
