package org.nodeim.upload;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start, removes the files in place that have no record: a crash between moving a file
 * into place and committing its record leaves one, which nobody can be served or count in a
 * quota. Files younger than a minute are left alone, being possibly on their way to a record.
 */
@ApplicationScoped
public class OrphanFiles {

    private static final Logger LOG = Logger.getLogger(OrphanFiles.class.getName());

    static final Duration GRACE = Duration.ofMinutes(1);
    private static final int BATCH = 500;

    @Inject
    FileStore store;

    @EJB
    UploadService uploads;

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            int removed = sweep(store, Instant.now().minus(GRACE), uploads::known);
            if (removed > 0) {
                LOG.log(Level.INFO, "removed {0} stored file(s) without a record", removed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not look for stored files without a record", e);
        }
    }

    /** Deletes the files modified before {@code before} whose ids {@code known} does not return; how many. */
    static int sweep(FileStore store, Instant before, Function<Collection<String>, Set<String>> known) throws IOException {
        var removed = new AtomicInteger();
        store.forEachStored(before, BATCH, ids -> {
            Set<String> recorded = known.apply(ids);
            for (String id : ids) {
                if (!recorded.contains(id)) {
                    store.delete(id);
                    removed.incrementAndGet();
                }
            }
        });
        return removed.get();
    }
}
