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

    /**
     * Closes the underlying channel after a graceful end of the session: {@code farewell} is
     * the last packet for a client that has yet to ask for it (the next poll of a polling
     * client), or {@code null} when the session ended abruptly.
     */
    default void close(String reason, EnginePacket farewell) {
        close(reason);
    }

    /**
     * Another transport has answered its upgrade probe: answer the client's requests at once
     * instead of holding them, so that the client can pause this transport.
     */
    default void release(EngineSession session) {
    }

    /** The upgrade was given up: hold the client's requests again. */
    default void resume() {
    }

    /** Another transport has taken over: let go of what is held and serve no more requests. */
    default void retire() {
    }
}
