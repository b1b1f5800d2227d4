package org.nodeim.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.cluster.ClusterNotice;

/**
 * The documents of users, kept in memory once read, so that a message or an event does not
 * read its sender from the database. An entry goes once a change to its user commits; a
 * document is loaded inside the map's own lock for its key, so that a load that began before
 * such a commit is over before the entry is removed.
 */
@ApplicationScoped
public class UserDirectory {

    /** What other nodes of a cluster hear when a user's document changes, or the user is deleted. */
    static final String PROFILE_NOTICE = "account.profile";
    public static final String DELETED_NOTICE = "account.deleted";


    /** Documents kept at most; past that, some are dropped at random. */
    static final int MAX_ENTRIES = 100_000;

    @EJB
    AccountService accounts;

    @Inject
    ClusterNode cluster;

    private final Map<Long, JsonObject> documents = new ConcurrentHashMap<>();

    /** The user's document, if the user exists ({@link AccountService#SYSTEM_ID} never does). */
    public Optional<JsonObject> find(long id) {
        if (id == AccountService.SYSTEM_ID) {
            return Optional.empty();
        }
        JsonObject cached = documents.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (documents.size() >= MAX_ENTRIES) {
            documents.keySet().removeIf(key -> ThreadLocalRandom.current().nextInt(4) == 0);
        }
        return Optional.ofNullable(documents.computeIfAbsent(id, key -> accounts.find(key).map(User::document)
                .orElse(null)));
    }

    public boolean exists(long id) {
        return find(id).isPresent();
    }

    /**
     * The document of a user, or what stands for one who no longer exists (or for the server
     * itself): see {@link AccountService#documents}.
     */
    public JsonObject document(long id) {
        return find(id).orElseGet(() -> AccountService.unknownUserDocument(id));
    }

    /**
     * The documents of these users, by id, one for every id (see {@link #document}): those in
     * memory, and the others read in one query (not kept: only {@link #find} loads entries).
     */
    public Map<Long, JsonObject> documents(Collection<Long> ids) {
        var found = new HashMap<Long, JsonObject>();
        var missing = new ArrayList<Long>();
        for (long id : ids) {
            JsonObject cached = documents.get(id);
            if (cached != null) {
                found.put(id, cached);
            } else if (!found.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(accounts.documents(missing));
        }
        return found;
    }

    void profileChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged changed) {
        documents.remove(changed.userId());
        cluster.notice(PROFILE_NOTICE, changed.userId());
    }

    void userDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserDeleted deleted) {
        documents.remove(deleted.userId());
        cluster.notice(DELETED_NOTICE, deleted.userId());
    }

    /** Another node changed or deleted a user. */
    void noticed(@Observes ClusterNotice notice) {
        if (notice.is(PROFILE_NOTICE) || notice.is(DELETED_NOTICE)) {
            documents.remove(notice.id());
        }
    }
}
