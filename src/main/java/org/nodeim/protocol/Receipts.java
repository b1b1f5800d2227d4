package org.nodeim.protocol;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one session that the client has yet to prove it received. Each is sent with
 * a Socket.IO acknowledgement id. It is proven received by the client's acknowledgement, or
 * once written, by the pong to a ping sent after it: a client answers pings in order, so that
 * pong proves every frame written before the ping arrived. A client that says goodbye (a
 * Socket.IO disconnect, an Engine.IO close) counts as having received what was written to it,
 * as a client that read what it was sent and then left. An event unproven when the session
 * fails is never reported, and what it carried waits again.
 *
 * <p>Callers run the returned callbacks themselves, outside any lock.
 */
final class Receipts {

    /** An event awaiting proof; once written, when, and how many pings had been sent before. */
    private static final class Unproven {
        final Runnable onReceived;
        boolean written;
        /**
         * Still being written when the client said goodbye: received once written, even if the
         * client came back in the meantime.
         */
        boolean writingAtGoodbye;
        long writtenAtNanos;
        long pingsBefore;

        Unproven(Runnable onReceived) {
            this.onReceived = onReceived;
        }
    }

    private final Map<Long, Unproven> unproven = new LinkedHashMap<>();
    private long lastId;
    private long pingsSent;
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
    synchronized Runnable written(long id, long nowNanos) {
        Unproven event = unproven.get(id);
        if (event == null) {
            return null;
        }
        if (leaving || event.writingAtGoodbye) {
            unproven.remove(id);
            return event.onReceived;
        }
        event.written = true;
        event.writtenAtNanos = nowNanos;
        event.pingsBefore = pingsSent;
        return null;
    }

    /** The client acknowledged the event: its callback, or {@code null} for an unknown id. */
    synchronized Runnable acknowledged(long id) {
        Unproven event = unproven.remove(id);
        return event == null ? null : event.onReceived;
    }

    /**
     * Whether a ping would prove an event that the client has not acknowledged within
     * {@code delayNanos} of its write: one written before {@code nowNanos - delayNanos} and
     * after the last ping.
     */
    synchronized boolean dueForPing(long nowNanos, long delayNanos) {
        for (Unproven event : unproven.values()) {
            if (event.written && event.pingsBefore == pingsSent && nowNanos - event.writtenAtNanos >= delayNanos) {
                return true;
            }
        }
        return false;
    }

    /** Whether a written event still awaits proof. */
    synchronized boolean awaitsProof() {
        for (Unproven event : unproven.values()) {
            if (event.written) {
                return true;
            }
        }
        return false;
    }

    /** A ping is about to be queued: it follows every frame written so far. */
    synchronized void pingSent() {
        pingsSent++;
    }

    /** The pong to the last ping came: every event written before that ping is received. */
    synchronized List<Runnable> ponged() {
        var callbacks = new ArrayList<Runnable>();
        for (Iterator<Unproven> it = unproven.values().iterator(); it.hasNext(); ) {
            Unproven event = it.next();
            if (event.written && event.pingsBefore < pingsSent) {
                it.remove();
                callbacks.add(event.onReceived);
            }
        }
        return callbacks;
    }

    /**
     * The client says goodbye: every event written to it counts as received, and so does every
     * event whose write completes later (it was on its way when the goodbye crossed it), until
     * the client {@linkplain #rejoined rejoins}.
     */
    synchronized List<Runnable> settled() {
        leaving = true;
        var callbacks = new ArrayList<Runnable>();
        for (Iterator<Unproven> it = unproven.values().iterator(); it.hasNext(); ) {
            Unproven event = it.next();
            if (event.written) {
                it.remove();
                callbacks.add(event.onReceived);
            } else {
                event.writingAtGoodbye = true;
            }
        }
        return callbacks;
    }

    /** The client joined again after leaving: its receipts need proof again. */
    synchronized void rejoined() {
        leaving = false;
    }

    /**
     * The session ended. Unless the client said goodbye (then writes still completing count as
     * received), nothing unproven will ever be reported.
     */
    synchronized void ended() {
        if (!leaving) {
            unproven.clear();
        }
    }

    synchronized int size() {
        return unproven.size();
    }
}
