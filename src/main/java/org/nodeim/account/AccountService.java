package org.nodeim.account;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nodeim.account.LoginThrottle.Realm;
import org.nodeim.database.Database;
import org.nodeim.database.Page;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** Accounts: creating them, checking who is who, finding users, changing profiles and passwords. */
@Stateless
public class AccountService {

    /** The longest password or security answer accepted, in characters. */
    static final int MAX_SECRET_LENGTH = 1024;

    /**
     * The sender id of messages from the server itself (broadcasts, notices); no user has it.
     * Its document is {@link #systemDocument()}.
     */
    public static final long SYSTEM_ID = 0;

    /** The most users one {@code find} returns. */
    public static final int FIND_LIMIT = 30;

    /** A hash of nothing in particular, verified against when the user is unknown, so that timing tells nothing. */
    private static final String UNKNOWN_USER_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$bm9kZWltLXVua25vd24$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /** What the throttle counts failed token signins against (no account is known). */
    private static final String TOKEN_ACCOUNT = "(token)";

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @EJB
    DeviceService devices;

    @Inject
    Event<UserDeleted> userDeleted;

    @Inject
    Event<ProfileChanged> profileChanged;

    @Inject
    Event<SigninFailed> signinFailed;

    @Inject
    Directory directory;

    /** One page of users, by id, and how many match in all. */

    /**
     * Creates a user.
     *
     * @param fields every field the client sent besides username and password: stored in the
     *               user document, except {@code answer}, of which only a hash is kept
     * @return the new user's id
     */
    public long signup(String username, String password, JsonObject fields) {
        Usernames.problemWith(username).ifPresent(problem -> {
            throw new Refused(Reason.INVALID, problem);
        });
        checkSecret("password", password);
        String answer = null;
        if (fields.containsKey("answer")) {
            if (!(fields.get("answer") instanceof JsonString text) || text.getString().isEmpty()) {
                throw new Refused(Reason.INVALID, "answer must be a non-empty string");
            }
            answer = text.getString();
            checkSecret("answer", answer);
        }
        JsonObject profile = Profiles.fromSignup(username, fields);
        if (findByUsername(username).isPresent() || directory.forChat() && directory.find(username).isPresent()) {
            throw new Refused(Reason.TAKEN, "username taken");
        }
        var user = new User(username, hasher.hash(password), profile, answer == null ? null : hasher.hash(answer));
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            if (Database.isConstraintViolation(e)) {
                throw new Refused(Reason.TAKEN, "username taken");
            }
            throw e;
        }
        return user.id();
    }

    /**
     * How long a signin on this account waits before its password is checked: zero unless
     * the account failed too often (see {@link LoginThrottle#delay}).
     */
    public Duration signinDelay(Optional<String> username, Optional<Long> id) {
        return throttle.delay(Realm.CHAT, throttleKey(username, id, lookUp(username, id)));
    }

    /**
     * The user with these credentials. An unknown user, an over-long password and a wrong
     * one take the same path and about the same time: a password hash is checked for each.
     *
     * @param address where the attempt comes from, for the throttle
     * @throws Refused 404 for an unknown user or a wrong password, alike; 429 while
     *                        this address may not try the account; 403 "account disabled" for
     *                        the right password of a disabled account (told only to whoever knows it)
     */
    public User authenticate(Optional<String> username, Optional<Long> id, String password, String address) {
        Optional<User> user = lookUp(username, id);
        String account = throttleKey(username, id, user);
        throttle.checkAllowed(Realm.CHAT, account, address);
        Optional<String> name = username.or(() -> user.map(User::username));
        if (name.isPresent() && directory.forChat()) {
            Optional<Directory.Entry> entry = directory.find(name.get());
            if (entry.isPresent()) {
                return authenticateInDirectory(entry.get(), user, password, account, address);
            }
        }
        boolean checkable = user.isPresent() && password.length() <= MAX_SECRET_LENGTH;
        boolean matches = hasher.verify(password, checkable ? user.get().passwordHash() : UNKNOWN_USER_HASH);
        if (!checkable || !matches) {
            throttle.failed(Realm.CHAT, account, address);
            signinFailed.fire(new SigninFailed(account, address));
            throw new Refused(Reason.NOT_FOUND, "unknown user or wrong password");
        }
        throttle.succeeded(Realm.CHAT, account, address);
        if (user.get().isDisabled()) {
            throw new Refused(Reason.FORBIDDEN, "account disabled");
        }
        if (hasher.isOutdated(user.get().passwordHash())) {
            user.get().changePasswordHash(hasher.hash(password));
        }
        return user.get();
    }

    /**
     * A user the directory knows signs in with the directory's password; their first signin
     * makes their account here, with their name and mail from the directory (and a password
     * hash of random bytes: the password here is never theirs to use).
     */
    private User authenticateInDirectory(Directory.Entry entry, Optional<User> user, String password, String account,
                                         String address) {
        if (password.length() > MAX_SECRET_LENGTH || !directory.verify(entry, password)) {
            throttle.failed(Realm.CHAT, account, address);
            signinFailed.fire(new SigninFailed(account, address));
            throw new Refused(Reason.NOT_FOUND, "unknown user or wrong password");
        }
        throttle.succeeded(Realm.CHAT, account, address);
        User signedIn = user.orElseGet(() -> {
            var profile = JsonFactory.objectBuilder();
            entry.name().ifPresent(name -> profile.add("name", name));
            entry.mail().ifPresent(mail -> profile.add("mail", mail));
            var created = new User(entry.username(), hasher.hash(ResumeToken.generate()),
                    Profiles.fromSignup(entry.username(), profile.build()), null);
            em.persist(created);
            em.flush();
            return created;
        });
        if (signedIn.isDisabled()) {
            throw new Refused(Reason.FORBIDDEN, "account disabled");
        }
        return signedIn;
    }

    /**
     * The user a resume token signs in, and its device. A token that is unknown, revoked or
     * expired counts as a failed signin of the address, as a wrong password does.
     *
     * @throws Refused 404 for a token that signs in nobody; 429 while the address may not try
     */
    public DeviceService.Resumed resume(String token, String address) {
        throttle.checkAllowed(Realm.CHAT, TOKEN_ACCOUNT, address);
        return devices.resume(token, address).orElseThrow(() -> {
            throttle.failed(Realm.CHAT, TOKEN_ACCOUNT, address);
            signinFailed.fire(new SigninFailed(TOKEN_ACCOUNT, address));
            return new Refused(Reason.NOT_FOUND, "unknown, expired or revoked token");
        });
    }

    private Optional<User> lookUp(Optional<String> username, Optional<Long> id) {
        return username.isPresent() ? findByUsername(username.get()) : id.flatMap(this::find);
    }

    /** An existing account counts by its id, however it was named; an unknown one by the name given. */
    private static String throttleKey(Optional<String> username, Optional<Long> id, Optional<User> user) {
        return user.map(u -> "#" + u.id()).orElse(username.orElse("#" + id.orElse(0L)));
    }

    public Optional<User> find(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /**
     * The documents of these users, by id: one for every id asked, {@link #unknownUserDocument}
     * for a user who no longer exists (or the server itself).
     */
    public Map<Long, JsonObject> documents(Collection<Long> ids) {
        var documents = new HashMap<Long, JsonObject>();
        if (!ids.isEmpty()) {
            em.createNamedQuery(User.FIND_BY_IDS, User.class).setParameter("ids", ids).getResultList()
                    .forEach(user -> documents.put(user.id(), user.document()));
        }
        ids.forEach(id -> documents.computeIfAbsent(id, AccountService::unknownUserDocument));
        return documents;
    }

    /** What stands for a user who no longer exists, or for the server itself ({@link #SYSTEM_ID}). */
    static JsonObject unknownUserDocument(long id) {
        if (id == SYSTEM_ID) {
            return systemDocument();
        }
        return JsonFactory.objectBuilder().add("id", id).add("username", "").build();
    }

    /** The sender document of messages from the server: {@code {"id": 0, "username": "system"}}. */
    public static JsonObject systemDocument() {
        return JsonFactory.objectBuilder().add("id", SYSTEM_ID).add("username", "system").build();
    }

    public Optional<User> findByUsername(String username) {
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /**
     * Users whose documents match every field of the query exactly, at most {@link #FIND_LIMIT},
     * by id. Values are compared as values: an object or an array in the query matches nothing.
     */
    public List<User> find(JsonObject query) {
        var jpql = new StringBuilder("SELECT u FROM User u");
        var conditions = new ArrayList<String>();
        var parameters = new ArrayList<Object>();
        int joins = 0;
        for (Map.Entry<String, JsonValue> entry : query.entrySet()) {
            String name = entry.getKey();
            JsonValue value = entry.getValue();
            switch (name) {
                case "id" -> {
                    Optional<Long> id = idOf(value);
                    if (id.isEmpty()) {
                        return List.of();
                    }
                    parameters.add(id.get());
                    conditions.add("u.id = ?" + parameters.size());
                }
                case "username" -> {
                    if (!(value instanceof JsonString text)) {
                        return List.of();
                    }
                    parameters.add(text.getString());
                    conditions.add("u.username = ?" + parameters.size());
                }
                default -> {
                    Optional<String> key = UserField.keyOf(value);
                    if (key.isEmpty() || User.RESERVED_FIELDS.contains(name)) {
                        return List.of();
                    }
                    String field = "f" + joins++;
                    jpql.append(" JOIN u.fields ").append(field);
                    parameters.add(name);
                    conditions.add(field + ".name = ?" + parameters.size());
                    parameters.add(key.get());
                    conditions.add(field + ".valueKey = ?" + parameters.size());
                }
            }
        }
        if (!conditions.isEmpty()) {
            jpql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        jpql.append(" ORDER BY u.id");
        TypedQuery<User> search = em.createQuery(jpql.toString(), User.class).setMaxResults(FIND_LIMIT);
        for (int i = 0; i < parameters.size(); i++) {
            search.setParameter(i + 1, parameters.get(i));
        }
        return search.getResultList().stream().filter(user -> matchesInFull(user, query)).toList();
    }

    /** Long values are indexed by their start: the whole value is compared here. */
    private static boolean matchesInFull(User user, JsonObject query) {
        JsonObject document = user.document();
        return query.entrySet().stream().allMatch(e -> e.getKey().equals("id")
                || e.getValue().equals(document.get(e.getKey())));
    }

    /** Merges changes into the user's profile (see {@link Profiles#merge}). */
    public User changeProfile(long userId, JsonObject changes) {
        User user = find(userId).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
        user.changeProfile(Profiles.merge(user.username(), user.profile(), changes));
        profileChanged.fire(new ProfileChanged(userId));
        return user;
    }

    /**
     * The security question of a user. A name that is no user counts as a failed attempt of
     * the address, as in signin, so that looking names up is throttled like guessing them.
     *
     * @throws Refused 404 unknown user, 405 no question (or no answer) set, 429 locked
     */
    public String question(String username, String address) {
        return recoverable(username, address).question()
                .orElseThrow(() -> new Refused(Reason.NO_QUESTION, "no security question set"));
    }

    /** The user a recovery names; a name that is no user counts as a failure of the address. */
    private User recoverable(String username, String address) {
        throttle.checkAllowed(Realm.CHAT, username, address);
        return findByUsername(username).orElseThrow(() -> {
            throttle.failed(Realm.CHAT, username, address);
            return new Refused(Reason.NOT_FOUND, "unknown user");
        });
    }

    /**
     * Sets a new password for whoever knows the answer to the security question, and revokes
     * every resume token of the user.
     *
     * @throws Refused 404 unknown user, 405 no question set, 406 wrong answer, 429 locked
     */
    public void resetPassword(String username, String answer, String newPassword, String address) {
        checkSecret("newpassword", newPassword);
        User user = recoverable(username, address);
        if (directory.forChat() && directory.find(username).isPresent()) {
            throw new Refused(Reason.FORBIDDEN, "the password is the directory's: change it there");
        }
        if (user.question().isEmpty()) {
            throw new Refused(Reason.NO_QUESTION, "no security question set");
        }
        String account = "#" + user.id();
        throttle.checkAllowed(Realm.CHAT, account, address);
        if (answer.length() > MAX_SECRET_LENGTH || !hasher.verify(answer, user.answerHash().orElseThrow())) {
            throttle.failed(Realm.CHAT, account, address);
            signinFailed.fire(new SigninFailed(account, address));
            throw new Refused(Reason.WRONG_ANSWER, "wrong answer");
        }
        throttle.succeeded(Realm.CHAT, account, address);
        user.changePasswordHash(hasher.hash(newPassword));
        devices.revokeAll(user.id());
    }

    public long count() {
        return em.createNamedQuery(User.COUNT, Long.class).getSingleResult();
    }

    /** The ids of every user, ascending. */
    public List<Long> allIds() {
        return em.createNamedQuery(User.ALL_IDS, Long.class).getResultList();
    }

    /**
     * Users whose username contains the text, case ignored (every user for an empty text), by id.
     *
     * @param page from 1
     */
    public Page<User> search(String text, int page, int pageSize) {
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        long total = em.createNamedQuery(User.COUNT_SEARCH, Long.class).setParameter("pattern", pattern)
                .getSingleResult();
        List<User> users = em.createNamedQuery(User.SEARCH, User.class).setParameter("pattern", pattern)
                .setFirstResult(Page.firstResult(page, pageSize)).setMaxResults(pageSize).getResultList();
        return new Page<>(users, Math.max(1, page), pageSize, total);
    }

    /**
     * Disables an account: signins are refused with 403 until it is enabled, and its resume
     * tokens are revoked. The caller disconnects the user.
     */
    public User disable(long userId) {
        User user = existing(userId);
        user.disable();
        devices.revokeAll(userId);
        return user;
    }

    public User enable(long userId) {
        User user = existing(userId);
        user.enable();
        return user;
    }

    /** Sets a new password, without the old one or the security answer (for administrators); revokes every resume token. */
    public User setPassword(long userId, String newPassword) {
        if (newPassword == null || newPassword.isEmpty()) {
            throw new Refused(Reason.INVALID, "password required");
        }
        checkSecret("password", newPassword);
        User user = existing(userId);
        user.changePasswordHash(hasher.hash(newPassword));
        devices.revokeAll(userId);
        return user;
    }

    /**
     * Deletes a user and their data: observers of {@link UserDeleted} remove, in the same
     * transaction, what other features keep of them. The caller disconnects the user.
     *
     * @return the deleted user's document
     */
    public JsonObject delete(long userId) {
        User user = existing(userId);
        JsonObject document = user.document();
        userDeleted.fire(new UserDeleted(userId));
        em.remove(user);
        return document;
    }

    private User existing(long userId) {
        return find(userId).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
    }

    private static Optional<Long> idOf(JsonValue value) {
        var id = org.nodeim.command.Arguments.id(value);
        return id.isPresent() ? Optional.of(id.getAsLong()) : Optional.empty();
    }

    private static void checkSecret(String name, String secret) {
        if (secret.length() > MAX_SECRET_LENGTH) {
            throw new Refused(Reason.INVALID, name + " longer than " + MAX_SECRET_LENGTH + " characters");
        }
    }
}
