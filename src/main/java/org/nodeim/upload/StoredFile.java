package org.nodeim.upload;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A file a user uploaded: its server-chosen id, which names its bytes on disk and is the only
 * thing its URL holds, and what is known of it. The name the client gave is metadata only.
 */
@Entity
@Table(name = "NODEIM_STORED_FILE", indexes = @Index(name = "NODEIM_STORED_FILE_OWNER", columnList = "OWNER_ID"))
@NamedQuery(name = StoredFile.BYTES_OF_OWNER, query = "SELECT SUM(f.size) FROM StoredFile f WHERE f.ownerId = :owner")
@NamedQuery(name = StoredFile.OF_OWNER, query = "SELECT f FROM StoredFile f WHERE f.ownerId = :owner ORDER BY f.createdAt DESC, f.id")
@NamedQuery(name = StoredFile.KNOWN, query = "SELECT f.id FROM StoredFile f WHERE f.id IN :ids")
public class StoredFile {

    public static final String BYTES_OF_OWNER = "StoredFile.bytesOfOwner";
    public static final String OF_OWNER = "StoredFile.ofOwner";
    public static final String KNOWN = "StoredFile.known";

    /** Characters of a file id: URL-safe Base64 of 24 random bytes. */
    public static final int ID_LENGTH = 32;

    @Id
    @Column(length = ID_LENGTH)
    private String id;

    @Column(name = "OWNER_ID", nullable = false)
    private long ownerId;

    @Column(name = "ORIGINAL_NAME", nullable = false, length = 2 * FileNames.MAX_CODE_POINTS)
    private String originalName;

    @Column(name = "BYTE_SIZE", nullable = false)
    private long size;

    @Column(name = "CONTENT_TYPE", nullable = false, length = ContentTypes.MAX_LENGTH)
    private String contentType;

    @Column(name = "SHA256", nullable = false, length = 64)
    private String sha256;

    /** Milliseconds since the epoch. */
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected StoredFile() {
    }

    public StoredFile(String id, long ownerId, String originalName, long size, String contentType, String sha256) {
        this.id = Objects.requireNonNull(id, "id");
        this.ownerId = ownerId;
        this.originalName = Objects.requireNonNull(originalName, "originalName");
        this.size = size;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.createdAt = Instant.now().toEpochMilli();
    }

    public String id() {
        return id;
    }

    public long ownerId() {
        return ownerId;
    }

    public String originalName() {
        return originalName;
    }

    public long size() {
        return size;
    }

    public String contentType() {
        return contentType;
    }

    /** The SHA-256 of the bytes, in lower-case hex. */
    public String sha256() {
        return sha256;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }
}
