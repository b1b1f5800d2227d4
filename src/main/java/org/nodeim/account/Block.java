package org.nodeim.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** {@code blocker} hears nothing more from {@code blocked}: see {@link Blocks}. */
@Entity
@Table(name = "NODEIM_BLOCK", uniqueConstraints = @UniqueConstraint(columnNames = {"BLOCKER_ID", "BLOCKED_ID"}))
@NamedQuery(name = Block.BLOCKED_BY, query = "SELECT b.blockedId FROM Block b WHERE b.blockerId = :blocker ORDER BY b.id")
@NamedQuery(name = Block.BLOCKERS_OF, query = "SELECT b.blockerId FROM Block b WHERE b.blockedId = :blocked")
@NamedQuery(name = Block.DELETE_PAIR, query = "DELETE FROM Block b WHERE b.blockerId = :blocker AND b.blockedId = :blocked")
@NamedQuery(name = Block.DELETE_OF_USER, query = "DELETE FROM Block b WHERE b.blockerId = :user OR b.blockedId = :user")
public class Block {

    static final String BLOCKED_BY = "Block.blockedBy";
    static final String BLOCKERS_OF = "Block.blockersOf";
    static final String DELETE_PAIR = "Block.deletePair";
    static final String DELETE_OF_USER = "Block.deleteOfUser";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "BLOCKER_ID", nullable = false)
    private long blockerId;

    @Column(name = "BLOCKED_ID", nullable = false)
    private long blockedId;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected Block() {
    }

    Block(long blockerId, long blockedId) {
        this.blockerId = blockerId;
        this.blockedId = blockedId;
        this.createdAt = Instant.now();
    }
}
