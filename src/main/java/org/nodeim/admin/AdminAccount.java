package org.nodeim.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** The console administrator whose password the server generated: only the hash is kept. */
@Entity
@Table(name = "NODEIM_ADMIN")
public class AdminAccount {

    @Id
    @Column(name = "USERNAME", length = 200)
    private String username;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected AdminAccount() {
    }

    public AdminAccount(String username, String passwordHash) {
        this.username = Objects.requireNonNull(username, "username");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.createdAt = Instant.now();
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash, "newHash");
    }
}
