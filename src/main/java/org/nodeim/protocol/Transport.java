package org.nodeim.protocol;

/**
 * How an {@link EngineSession} reaches its client. Sends never block: a transport writes
 * asynchronously and reports failures to its session.
 */
public interface Transport {

    /** {@code websocket} or {@code polling}. */
    String name();

    /** Starts writing the queued frames of the session, if it is not already doing so. */
    void flush(EngineSession session);

    /** Closes the underlying channel. */
    void close(String reason);
}
