package org.nodeim.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The uploads being received, counted, so that what the container's multipart parser leaves
 * in {@code .incoming/} is removed. Payara's parser does not remove its temporary files when a
 * request is refused while parsing (a file over the limit) or breaks (a body shorter than
 * declared, a client gone): after such a request, the files there are removed as soon as no
 * upload is being received, the moment when every file there is a leftover. New uploads wait
 * for that removal, which takes a directory listing.
 */
@ApplicationScoped
public class IncomingUploads {

    @Inject
    FileStore store;

    private int receiving;
    private boolean leftBehind;

    /** An upload begins to be received. */
    synchronized void started() {
        receiving++;
    }

    /**
     * An upload has ended, its parts deleted; {@code broken} when the container failed to parse
     * it and may have left files of it behind.
     */
    synchronized void ended(boolean broken) {
        receiving--;
        leftBehind |= broken;
        if (receiving == 0 && leftBehind) {
            leftBehind = false;
            store.removeIncoming();
        }
    }
}
