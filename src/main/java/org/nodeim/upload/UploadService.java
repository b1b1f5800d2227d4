package org.nodeim.upload;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.nodeim.account.User;
import org.nodeim.account.UserDeleted;

/** Upload tickets and the records of stored files, with the per-user quota; deleting files. */
@Stateless
public class UploadService {

    @PersistenceContext
    EntityManager em;

    @Inject
    UploadSettings settings;

    @Inject
    FileStore store;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * A new ticket for the upload form of that user, valid for the configured time and any
     * number of files. Forgets expired tickets on the way.
     */
    public String issueTicket(long userId) {
        Instant now = Instant.now();
        em.createNamedQuery(UploadTicket.DELETE_EXPIRED).setParameter("now", now.toEpochMilli()).executeUpdate();
        String ticket = Tokens.newTicket();
        em.persist(new UploadTicket(Tokens.sha256(ticket), userId, now.plus(settings.ticketValidity())));
        return ticket;
    }

    /** Whether the ticket was issued to that user and is still valid. */
    public boolean admits(long userId, String ticket) {
        if (!Tokens.isTicket(ticket)) {
            return false;
        }
        return Optional.ofNullable(em.find(UploadTicket.class, Tokens.sha256(ticket)))
                .filter(t -> t.admits(userId, Instant.now()))
                .isPresent();
    }

    /** The bytes that user keeps stored. */
    public long bytesStored(long userId) {
        Long sum = em.createNamedQuery(StoredFile.BYTES_OF_OWNER, Long.class).setParameter("owner", userId).getSingleResult();
        return sum == null ? 0 : sum;
    }

    /**
     * Records a file whose bytes are already in place, within the owner's quota. Uploads of one
     * user are recorded one at a time (the user's row is locked), so that parallel uploads
     * cannot pass the quota together.
     *
     * @throws UploadRefused 413 over the quota, 403 for an unknown owner
     */
    public StoredFile record(long ownerId, String id, String originalName, long size, String contentType, String sha256) {
        if (em.find(User.class, ownerId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new UploadRefused(HttpServletResponse.SC_FORBIDDEN, "unknown user");
        }
        long used = bytesStored(ownerId);
        if (used + size > settings.quota()) {
            throw overQuota(used);
        }
        var file = new StoredFile(id, ownerId, FileNames.clean(originalName), size, ContentTypes.clean(contentType), sha256);
        em.persist(file);
        return file;
    }

    /** The refusal of an upload that would take a user with {@code used} bytes over the quota. */
    public UploadRefused overQuota(long used) {
        return new UploadRefused(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "This file would take you over your quota of "
                + Sizes.describe(settings.quota()) + " (" + Sizes.describe(used) + " used).");
    }

    public Optional<StoredFile> find(String id) {
        return Tokens.isFileId(id) ? Optional.ofNullable(em.find(StoredFile.class, id)) : Optional.empty();
    }

    /** A user's files, the newest first, at most {@code limit}. */
    public List<StoredFile> filesOf(long ownerId, int limit) {
        return em.createNamedQuery(StoredFile.OF_OWNER, StoredFile.class).setParameter("owner", ownerId)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Deletes a file of that owner: its record now, its bytes once the deletion is committed.
     *
     * @return the file deleted; empty if the owner has no file of that id
     */
    public Optional<StoredFile> delete(long ownerId, String id) {
        Optional<StoredFile> file = find(id).filter(f -> f.ownerId() == ownerId);
        file.ifPresent(f -> forget(List.of(f)));
        return file;
    }

    /** Forgets files recorded for a request that failed after them. */
    public void discard(List<String> ids) {
        forget(ids.stream().map(id -> em.find(StoredFile.class, id)).filter(Objects::nonNull).toList());
    }

    /** Of these ids, the ones of recorded files. */
    public Set<String> known(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createNamedQuery(StoredFile.KNOWN, String.class).setParameter("ids", ids).getResultList());
    }

    /** A deleted user's files go with them. */
    public void userDeleted(@Observes UserDeleted deleted) {
        forget(em.createNamedQuery(StoredFile.OF_OWNER, StoredFile.class).setParameter("owner", deleted.userId()).getResultList());
    }

    /** Removes the records in this transaction, and the bytes once it committed. */
    private void forget(List<StoredFile> files) {
        files.forEach(em::remove);
        List<String> ids = files.stream().map(StoredFile::id).toList();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    ids.forEach(store::delete);
                }
            }
        });
    }
}
