package org.nodeim.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** One action in the console: who, when, what, on what, from where. Never changed once written. */
@Entity
@Table(name = "NODEIM_AUDIT")
@NamedQuery(name = AuditEntry.LATEST, query = "SELECT a FROM AuditEntry a ORDER BY a.id DESC")
@NamedQuery(name = AuditEntry.COUNT, query = "SELECT COUNT(a) FROM AuditEntry a")
public class AuditEntry {

    public static final String LATEST = "AuditEntry.latest";
    public static final String COUNT = "AuditEntry.count";

    static final int MAX_TEXT = 500;

    /** The actor of what chat users do that the console audits (failed signins). */
    static final String CHAT_ACTOR = "(chat)";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "ACTED_AT", nullable = false)
    private Instant at;

    @Column(name = "ACTOR", nullable = false, length = 200)
    private String actor;

    @Column(name = "ADDRESS", nullable = false, length = 100)
    private String address;

    @Column(name = "ACTION_NAME", nullable = false, length = 64)
    private String action;

    @Column(name = "TARGET", length = MAX_TEXT)
    private String target;

    protected AuditEntry() {
    }

    public AuditEntry(Administrator by, String action, String target) {
        this(by.name(), by.address(), action, target);
    }

    /** An entry whose actor is not an administrator: {@value #CHAT_ACTOR} for the chat side. */
    AuditEntry(String actor, String address, String action, String target) {
        this.at = Instant.now();
        this.actor = cut(actor, 200);
        this.address = cut(address, 100);
        this.action = Objects.requireNonNull(action, "action");
        this.target = target == null ? null : cut(target, MAX_TEXT);
    }

    private static String cut(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }

    public long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String address() {
        return address;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target == null ? "" : target;
    }
}
