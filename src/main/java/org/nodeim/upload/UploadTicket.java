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
 * The right to use the upload form for a while, given to one user by the {@code upload}
 * command. Only a hash of the ticket is kept, so the table gives no working tickets away.
 */
@Entity
@Table(name = "NODEIM_UPLOAD_TICKET", indexes = @Index(name = "NODEIM_UPLOAD_TICKET_EXPIRY", columnList = "EXPIRES_AT"))
@NamedQuery(name = UploadTicket.DELETE_EXPIRED, query = "DELETE FROM UploadTicket t WHERE t.expiresAt < :now")
public class UploadTicket {

    public static final String DELETE_EXPIRED = "UploadTicket.deleteExpired";

    @Id
    @Column(name = "TICKET_HASH", length = 64)
    private String ticketHash;

    @Column(name = "USER_ID", nullable = false)
    private long userId;

    /** Milliseconds since the epoch (a number, which every provider compares alike). */
    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    protected UploadTicket() {
    }

    public UploadTicket(String ticketHash, long userId, Instant expiresAt) {
        this.ticketHash = Objects.requireNonNull(ticketHash, "ticketHash");
        this.userId = userId;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").toEpochMilli();
    }

    /** Whether this ticket lets that user upload at that time. */
    public boolean admits(long user, Instant now) {
        return userId == user && now.toEpochMilli() < expiresAt;
    }

    public long userId() {
        return userId;
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }
}
