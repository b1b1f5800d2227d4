package org.nodeim.protocol;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The events of one session that the client has yet to prove it received. Each is sent with
 * a Socket.IO acknowledgement id. It is proven received by the client's acknowledgement, or
 * once written, by the pong to a ping sent after it: a client answers pings in order, so that
 * pong proves every frame written before the ping arrived. Events still unproven when the
 * session fails are never reported: what they carried waits for the client's next signin.
 *
 * <p>Callers run the returned callbacks themselves, outside any lock.
 */
final class Receipts {

    /** An event awaiting proof; once written, {@code pingsBefore} is how many pings were sent before that. */
    private static final class Unproven {
        final Runnable onReceived;
        boolean written;
        long pingsBefore;

        Unproven(Runnable onReceived) {
            this.onReceived = onReceived;
        }
    }

    private final Map<Long, Unproven> unproven = new LinkedHashMap<>();
    private long lastId;
    private long pingsSent;
    private boolean writtenSincePing;
    /** Whether the client said goodbye: what is written from then on counts as received. */
    private boolean leaving;

    /** Registers an event about to be queued; returns its acknowledgement id. */
    synchronized long add(Runnable onReceived) {
        long id = ++lastId;
        unproven.put(id, new Unproven(onReceived));
        return id;
    }

    /**
     * The event's frame has been written to the transport. Returns its callback if that already
     * counts as received (the client is leaving), else {@code null}.
     */
    synchronized Runnable written(long id) {
        Unproven event = unproven.get(id);
        if (event == null) {
            return null;
        }
        if (leaving) {
            unproven.remove(id);
            return event.onReceived;
        }
        event.written = true;
        event.pingsBefore = pingsSent;
        writtenSincePing = true;
        return null;
    }

    /** The client acknowledged the event: its callback, or {@code null} for an unknown id. */
    synchronized Runnable acknowledged(long id) {
        Unproven event = unproven.remove(id);
        return event == null ? null : event.onReceived;
    }

    /**
     * Whether a ping would prove something: an event written since the last ping is still
     * unacknowledged. The heartbeat then sends one early, so that a client that does not
     * acknowledge proves its receipts within moments rather than a ping interval.
     */
    synchronized boolean awaitPing() {
        if (writtenSincePing) {
            writtenSincePing = unproven.values().stream().anyMatch(event -> event.written && event.pingsBefore == pingsSent);
        }
        return writtenSincePing;
    }

    /** A ping is about to be queued: it follows every frame written so far. */
    synchronized void pingSent() {
        pingsSent++;
        writtenSincePing = false;
    }

    /** The pong to the last ping came: every event written before that ping is received. */
    synchronized List<Runnable> ponged() {
        return remove(event -> event.written && event.pingsBefore < pingsSent);
    }

    /**
     * The client leaves on its own (a Socket.IO disconnect or an Engine.IO close): every event
     * written to it counts as received, and so does every event whose write completes later
     * (it may have been on the wire when the goodbye crossed it), until it {@linkplain #rejoined
     * rejoins}.
     */
    synchronized List<Runnable> settled() {
        leaving = true;
        return remove(event -> event.written);
    }

    /** The client joined again after leaving: receipts need proof again. */
    synchronized void rejoined() {
        leaving = false;
    }

    /**
     * The session ended. Unless the client was leaving (then writes still completing count as
     * received), nothing unproven will ever be reported.
     */
    synchronized void ended() {
        if (!leaving) {
            unproven.clear();
        }
        writtenSincePing = false;
    }

    synchronized int size() {
        return unproven.size();
    }

    private List<Runnable> remove(Predicate<Unproven> received) {
        var callbacks = new ArrayList<Runnable>();
        for (Iterator<Unproven> it = unproven.values().iterator(); it.hasNext(); ) {
            Unproven event = it.next();
            if (received.test(event)) {
                it.remove();
                callbacks.add(event.onReceived);
            }
        }
        return callbacks;
    }
}
