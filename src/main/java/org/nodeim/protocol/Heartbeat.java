package org.nodeim.protocol;

import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of one Engine.IO session, as time passes: when a ping is due, when the pong
 * to it or the client's Socket.IO CONNECT is overdue. It reads no clock: the sweep over all
 * sessions passes the time ({@link System#nanoTime()}), so that tests drive it. One ping at a
 * time awaits its pong. Its own monitor guards it; a caller that must act on the same state
 * atomically (the session's receipts) holds it around the calls.
 */
final class Heartbeat {

    /** What is due now. */
    enum Due {
        NOTHING,
        /** A ping, already counted as sent: queue it. */
        PING,
        PING_TIMEOUT,
        CONNECT_TIMEOUT
    }

    private final long intervalNanos;
    private final long timeoutNanos;
    private final long connectNanos;

    private boolean started;
    private long nextPingNanos;
    private boolean awaitingPong;
    private long pongDeadlineNanos;
    private boolean awaitingConnect;
    private long connectDueNanos;
    /** When the pong to the next ping is due at the latest; read without the monitor. */
    private volatile long pongDueNanos;

    Heartbeat(long intervalMillis, long timeoutMillis, long connectTimeoutMillis) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.connectNanos = TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
    }

    /** The open packet is sent: the first ping is an interval away, the CONNECT a connect timeout. */
    synchronized void start(long now) {
        pongDueNanos = now + intervalNanos + timeoutNanos;
        nextPingNanos = now + intervalNanos;
        awaitingConnect = true;
        connectDueNanos = now + connectNanos;
        started = true;
    }

    /** What is due at {@code now}; a ping due is counted as sent. Nothing before {@link #start}. */
    synchronized Due check(long now) {
        if (!started) {
            return Due.NOTHING;
        }
        if (awaitingConnect && now - connectDueNanos >= 0) {
            return Due.CONNECT_TIMEOUT;
        }
        if (awaitingPong) {
            return now - pongDeadlineNanos >= 0 ? Due.PING_TIMEOUT : Due.NOTHING;
        }
        if (now - nextPingNanos >= 0) {
            pingSent(now);
            return Due.PING;
        }
        return Due.NOTHING;
    }

    /** Counts a ping sent ahead of time, unless one already awaits its pong; whether it did. */
    synchronized boolean pingEarly(long now) {
        if (!started || awaitingPong) {
            return false;
        }
        pingSent(now);
        return true;
    }

    /** Whether a ping awaits its pong. */
    synchronized boolean awaitsPong() {
        return awaitingPong;
    }

    private void pingSent(long now) {
        awaitingPong = true;
        pongDeadlineNanos = now + timeoutNanos;
    }

    /** A pong came; true if it answers the ping awaiting it (then the next ping is an interval away). */
    synchronized boolean ponged(long now) {
        if (!awaitingPong) {
            return false;
        }
        awaitingPong = false;
        pongDueNanos = now + intervalNanos + timeoutNanos;
        nextPingNanos = now + intervalNanos;
        return true;
    }

    /** The client joined the namespace: no CONNECT deadline any more. */
    synchronized void connected() {
        awaitingConnect = false;
    }

    /** Whether the pong to the last ping is overdue at {@code now}, read without waiting for the monitor. */
    boolean isPongOverdue(long now) {
        return now - pongDueNanos >= 0;
    }
}
