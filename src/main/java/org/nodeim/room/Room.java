package org.nodeim.room;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.nodeim.json.JsonFactory;

/**
 * A chat room: a name, an introduction, a topic, who created it and who owns it now, and
 * whether it is open to anyone or to the invited only.
 */
@Entity
@Table(name = "NODEIM_ROOM")
@NamedQuery(name = Room.ALL, query = "SELECT r FROM Room r ORDER BY r.id")
@NamedQuery(name = Room.COUNT, query = "SELECT COUNT(r) FROM Room r")
@NamedQuery(name = Room.OWNED_BY, query = "SELECT r FROM Room r WHERE r.ownerId = :user")
@NamedQuery(name = Room.OF_MEMBER, query = "SELECT r FROM Room r, RoomMember m WHERE m.roomId = r.id"
        + " AND m.userId = :user ORDER BY r.id")
public class Room {

    public static final String ALL = "Room.all";
    public static final String COUNT = "Room.count";
    public static final String OF_MEMBER = "Room.ofMember";
    static final String OWNED_BY = "Room.ownedBy";

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_INTRO_LENGTH = 1000;
    public static final int MAX_TOPIC_LENGTH = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = MAX_NAME_LENGTH * 2)
    private String name;

    @Column(length = MAX_INTRO_LENGTH * 2)
    private String intro;

    @Column(name = "CREATOR_ID", nullable = false)
    private long creatorId;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    /** Null only once its owner is deleted and nobody was left to take it over. */
    @Column(name = "OWNER_ID")
    private Long ownerId;

    @Column(name = "TOPIC", length = MAX_TOPIC_LENGTH * 2)
    private String topic;

    @Column(name = "INVITE_ONLY", nullable = false)
    private boolean inviteOnly;

    protected Room() {
    }

    public Room(String name, String intro, long creatorId) {
        this.name = Objects.requireNonNull(name, "name");
        this.intro = intro == null ? "" : intro;
        this.creatorId = creatorId;
        this.ownerId = creatorId;
        this.topic = "";
        this.createdAt = Instant.now();
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String intro() {
        return intro;
    }

    public long creatorId() {
        return creatorId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean isOwner(long userId) {
        return ownerId != null && ownerId == userId;
    }

    public Optional<Long> ownerId() {
        return Optional.ofNullable(ownerId);
    }

    void handOver(Long newOwner) {
        ownerId = newOwner;
    }

    public String topic() {
        return topic == null ? "" : topic;
    }

    public boolean inviteOnly() {
        return inviteOnly;
    }

    void rename(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    void describe(String intro) {
        this.intro = intro;
    }

    void setTopic(String topic) {
        this.topic = topic;
    }

    void setInviteOnly(boolean inviteOnly) {
        this.inviteOnly = inviteOnly;
    }

    /**
     * The room as clients see it: {@code {id, name, intro, creator, owner, topic, private}};
     * {@code owner} is absent when nobody owns the room.
     */
    public JsonObject toJson() {
        var json = JsonFactory.objectBuilder()
                .add("id", id)
                .add("name", name)
                .add("intro", intro)
                .add("creator", creatorId);
        if (ownerId != null) {
            json.add("owner", ownerId);
        }
        return json.add("topic", topic())
                .add("private", inviteOnly)
                .build();
    }
}
