package org.nodeim.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Optional;

/**
 * A token of the REST admin API, made in the console: a name, the SHA-256 of its secret (the
 * secret itself is shown once), whether it may only read, and when it was last used.
 */
@Entity
@Table(name = "NODEIM_API_TOKEN")
@NamedQuery(name = ApiToken.ALL, query = "SELECT t FROM ApiToken t ORDER BY t.id")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t WHERE t.hash = :hash")
@NamedQuery(name = ApiToken.BY_NAME, query = "SELECT t FROM ApiToken t WHERE t.name = :name")
public class ApiToken {

    static final String ALL = "ApiToken.all";
    static final String BY_HASH = "ApiToken.byHash";
    static final String BY_NAME = "ApiToken.byName";

    static final int MAX_NAME_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "NAME", nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    @Column(name = "TOKEN_HASH", nullable = false, length = 64)
    private String hash;

    @Column(name = "READ_ONLY", nullable = false)
    private boolean readOnly;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "CREATED_BY", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    protected ApiToken() {
    }

    ApiToken(String name, String hash, boolean readOnly, String createdBy, long now) {
        this.name = name;
        this.hash = hash;
        this.readOnly = readOnly;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Optional<Long> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    void usedAt(long now) {
        lastUsedAt = now;
    }
}
