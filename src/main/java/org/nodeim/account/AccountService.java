package org.nodeim.account;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.nodeim.command.CommandFailure;

/** Accounts: creating them, and checking who is who. The transaction boundary of both. */
@Stateless
public class AccountService {

    /** The longest password or security answer accepted, in characters. */
    static final int MAX_SECRET_LENGTH = 1024;

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    /**
     * Creates a user.
     *
     * @param fields every field the client sent besides username and password: stored in the
     *               user document, except {@code answer}, of which only a hash is kept
     * @return the new user's id
     */
    public long signup(String username, String password, JsonObject fields) {
        Usernames.problemWith(username).ifPresent(problem -> {
            throw new CommandFailure(400, problem);
        });
        checkSecret("password", password);
        String answer = null;
        if (fields.containsKey("answer")) {
            if (!(fields.get("answer") instanceof jakarta.json.JsonString text) || text.getString().isEmpty()) {
                throw new CommandFailure(400, "answer must be a non-empty string");
            }
            answer = text.getString();
            checkSecret("answer", answer);
        }
        JsonObject profile = profileOf(fields);
        checkDocumentSize(username, profile);
        if (findByUsername(username).isPresent()) {
            throw new CommandFailure(405, "username taken");
        }
        var user = new User(username, hasher.hash(password), profile, answer == null ? null : hasher.hash(answer));
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            throw new CommandFailure(405, "username taken");
        }
        return user.id();
    }

    /**
     * The user with these credentials.
     *
     * @throws CommandFailure 404 for an unknown user or a wrong password, alike
     */
    public User authenticate(Optional<String> username, Optional<Long> id, String password) {
        Optional<User> user = username.isPresent() ? findByUsername(username.get()) : id.flatMap(this::find);
        if (user.isEmpty()) {
            hasher.verify(password, UNKNOWN_USER_HASH);
            throw new CommandFailure(404, "unknown user or wrong password");
        }
        if (password.length() > MAX_SECRET_LENGTH || !hasher.verify(password, user.get().passwordHash())) {
            throw new CommandFailure(404, "unknown user or wrong password");
        }
        if (hasher.isOutdated(user.get().passwordHash())) {
            user.get().changePasswordHash(hasher.hash(password));
        }
        return user.get();
    }

    public Optional<User> find(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    public Optional<User> findByUsername(String username) {
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /** A hash of nothing in particular, verified against when the user is unknown, so that timing tells nothing. */
    private static final String UNKNOWN_USER_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$bm9kZWltLXVua25vd24$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static JsonObject profileOf(JsonObject fields) {
        JsonObjectBuilder profile = Json.createObjectBuilder();
        fields.forEach((name, value) -> {
            if (!User.RESERVED_FIELDS.contains(name)) {
                profile.add(name, value);
            }
        });
        return profile.build();
    }

    static void checkDocumentSize(String username, JsonObject profile) {
        int bytes = profile.toString().getBytes(StandardCharsets.UTF_8).length
                + username.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > User.MAX_DOCUMENT_BYTES) {
            throw new CommandFailure(400, "user document larger than " + User.MAX_DOCUMENT_BYTES + " bytes");
        }
    }

    private static void checkSecret(String name, String secret) {
        if (secret.length() > MAX_SECRET_LENGTH) {
            throw new CommandFailure(400, name + " longer than " + MAX_SECRET_LENGTH + " characters");
        }
    }
}
