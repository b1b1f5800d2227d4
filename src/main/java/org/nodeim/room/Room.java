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
import org.nodeim.json.JsonFactory;

/** A chat room: a name, an introduction, and who created it. */
@Entity
@Table(name = "NODEIM_ROOM")
@NamedQuery(name = Room.ALL, query = "SELECT r FROM Room r ORDER BY r.id")
@NamedQuery(name = Room.COUNT, query = "SELECT COUNT(r) FROM Room r")
@NamedQuery(name = Room.OF_MEMBER, query = "SELECT r FROM Room r, RoomMember m WHERE m.roomId = r.id"
        + " AND m.userId = :user ORDER BY r.id")
public class Room {

    public static final String ALL = "Room.all";
    public static final String COUNT = "Room.count";
    public static final String OF_MEMBER = "Room.ofMember";

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_INTRO_LENGTH = 1000;

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

    protected Room() {
    }

    public Room(String name, String intro, long creatorId) {
        this.name = Objects.requireNonNull(name, "name");
        this.intro = intro == null ? "" : intro;
        this.creatorId = creatorId;
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

    /** The room as clients see it: {@code {id, name, intro, creator}}. */
    public JsonObject toJson() {
        return JsonFactory.objectBuilder()
                .add("id", id)
                .add("name", name)
                .add("intro", intro)
                .add("creator", creatorId)
                .build();
    }
}
