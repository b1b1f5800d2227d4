package org.nodeim.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A device a user signed in from with their password: it holds the hash of the resume token
 * given to it ({@link ResumeToken}), when it was created, and when and from where it last
 * signed in. Revoking the token deletes the device.
 */
@Entity
@Table(name = "NODEIM_DEVICE", indexes = {
        @Index(name = "NODEIM_DEVICE_TOKEN", columnList = "TOKEN_HASH", unique = true),
        @Index(name = "NODEIM_DEVICE_USER", columnList = "USER_ID, LAST_USED_AT")})
@NamedQuery(name = Device.WITH_USER_BY_TOKEN, query = "SELECT d, u FROM Device d, User u WHERE d.tokenHash = :hash AND u.id = d.userId")
@NamedQuery(name = Device.OF_USER, query = "SELECT d FROM Device d WHERE d.userId = :user ORDER BY d.lastUsedAt DESC")
@NamedQuery(name = Device.DELETE_OF_USER, query = "DELETE FROM Device d WHERE d.userId = :user")
@NamedQuery(name = Device.DELETE_ONE, query = "DELETE FROM Device d WHERE d.id = :device AND d.userId = :user")
@NamedQuery(name = Device.DELETE_IDLE, query = "DELETE FROM Device d WHERE d.lastUsedAt < :before")
public class Device {

    /** The device of a token hash with its user, in one query: a token signin's first read. */
    public static final String WITH_USER_BY_TOKEN = "Device.withUserByToken";
    public static final String OF_USER = "Device.ofUser";
    public static final String DELETE_OF_USER = "Device.deleteOfUser";
    public static final String DELETE_ONE = "Device.deleteOne";
    public static final String DELETE_IDLE = "Device.deleteIdle";

    private static final int ADDRESS_LENGTH = 64;

    /**
     * Ids come from a sequence in blocks rather than from an identity column: Derby serializes
     * the inserts of concurrent transactions on an identity column's generator.
     */
    @Id
    @SequenceGenerator(name = "NODEIM_DEVICE_IDS", sequenceName = "NODEIM_DEVICE_IDS", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "NODEIM_DEVICE_IDS")
    private Long id;

    @Column(name = "USER_ID", nullable = false)
    private long userId;

    @Column(name = "TOKEN_HASH", nullable = false, length = ResumeToken.HASH_LENGTH)
    private String tokenHash;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "LAST_USED_AT", nullable = false)
    private Instant lastUsedAt;

    /** The address of the last signin with this device's token. */
    @Column(name = "LAST_ADDRESS", length = ADDRESS_LENGTH)
    private String lastAddress;

    protected Device() {
    }

    Device(long userId, String tokenHash, Instant now, String address) {
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.lastUsedAt = now;
        this.lastAddress = limit(address);
    }

    void used(Instant now, String address) {
        lastUsedAt = now;
        lastAddress = limit(address);
    }

    private static String limit(String address) {
        return address == null || address.length() <= ADDRESS_LENGTH ? address : address.substring(0, ADDRESS_LENGTH);
    }

    public long id() {
        return id;
    }

    public long userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public String lastAddress() {
        return lastAddress == null ? "" : lastAddress;
    }
}
