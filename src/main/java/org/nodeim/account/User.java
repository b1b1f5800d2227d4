package org.nodeim.account;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.nodeim.json.JsonFactory;

/**
 * A chat user: the username, the extra fields given at signup (the profile), the hashes
 * of the password and of the security answer, which never leave the server, and whether an
 * administrator disabled the account.
 */
@Entity
@Table(name = "NODEIM_USER")
@NamedQuery(name = User.FIND_BY_USERNAME, query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = User.FIND_BY_IDS, query = "SELECT u FROM User u WHERE u.id IN :ids")
@NamedQuery(name = User.COUNT, query = "SELECT COUNT(u) FROM User u")
@NamedQuery(name = User.ALL_IDS, query = "SELECT u.id FROM User u ORDER BY u.id")
@NamedQuery(name = User.SEARCH, query = "SELECT u FROM User u WHERE LOWER(u.username) LIKE :pattern ESCAPE '\\'"
        + " ORDER BY u.id")
@NamedQuery(name = User.COUNT_SEARCH, query = "SELECT COUNT(u) FROM User u WHERE LOWER(u.username) LIKE :pattern"
        + " ESCAPE '\\'")
public class User {

    public static final String FIND_BY_USERNAME = "User.findByUsername";
    public static final String FIND_BY_IDS = "User.findByIds";
    public static final String COUNT = "User.count";
    public static final String ALL_IDS = "User.allIds";
    public static final String SEARCH = "User.search";
    public static final String COUNT_SEARCH = "User.countSearch";

    /** Fields of a user document that only the server sets, never the profile. */
    public static final Set<String> RESERVED_FIELDS = Set.of("id", "username", "password", "answer");

    /** Profile fields only their user sees: the security question ({@code retrieve} tells it to whoever asks for it by name, throttled). */
    static final Set<String> OWN_FIELDS = Set.of("question");

    /** The largest user document, in bytes of its JSON. */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 2 * Usernames.MAX_LENGTH)
    private String username;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "ANSWER_HASH", length = 200)
    private String answerHash;

    @Column(nullable = false, length = MAX_DOCUMENT_BYTES)
    private String profile;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    /** A disabled user cannot sign in; set and cleared by an administrator. */
    @Column(name = "DISABLED", nullable = false)
    private boolean disabled;

    @ElementCollection
    @CollectionTable(name = "NODEIM_USER_FIELD", joinColumns = @JoinColumn(name = "USER_ID"),
            indexes = @Index(name = "NODEIM_USER_FIELD_VALUE", columnList = "NAME, VALUE_KEY"))
    private List<UserField> fields = new ArrayList<>();

    protected User() {
    }

    public User(String username, String passwordHash, JsonObject profile, String answerHash) {
        this.username = Objects.requireNonNull(username, "username");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.answerHash = answerHash;
        changeProfile(profile);
        this.createdAt = Instant.now();
    }

    public long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Optional<String> answerHash() {
        return Optional.ofNullable(answerHash);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public void disable() {
        this.disabled = true;
    }

    public void enable() {
        this.disabled = false;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash, "newHash");
    }

    /** The extra fields given at signup or by {@code profile}. */
    public JsonObject profile() {
        return JsonFactory.readObject(profile);
    }

    /** Replaces the profile, and the searchable fields with it. */
    public void changeProfile(JsonObject newProfile) {
        this.profile = Objects.requireNonNull(newProfile, "newProfile").toString();
        fields.clear();
        newProfile.forEach((name, value) -> UserField.keyOf(value).ifPresent(key -> fields.add(new UserField(name, key))));
    }

    /** The security question, if the user set one (and an answer to it). */
    public Optional<String> question() {
        return profile().get("question") instanceof JsonString question && answerHash != null
                ? Optional.of(question.getString()) : Optional.empty();
    }

    /**
     * The user document others see (in {@code find}, {@code friends}, rooms, a message's
     * {@code from}): id, username and the profile, but the security question.
     */
    public JsonObject document() {
        return document(false);
    }

    /** The document the user sees of themselves ({@code signin}'s {@code doc}): the whole profile, no secrets. */
    public JsonObject ownDocument() {
        return document(true);
    }

    private JsonObject document(boolean own) {
        var document = JsonFactory.objectBuilder().add("id", id).add("username", username);
        profile().forEach((name, value) -> {
            if (own || !OWN_FIELDS.contains(name)) {
                document.add(name, value);
            }
        });
        return document.build();
    }
}
