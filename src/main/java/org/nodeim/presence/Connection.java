package org.nodeim.presence;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One client connection (one Socket.IO socket on one Engine.IO session), seen from the
 * features: who is signed in on it, and how to push an event to it.
 */
public interface Connection {

    /** The connection's id (the Engine.IO session id). */
    String id();

    /** The signed-in user, if any. */
    OptionalLong userId();

    /** Binds the connection to a user; false if it was already signed in. */
    boolean bindUser(long userId);

    /** Unbinds the connection from its user; the user it was bound to, if any. */
    OptionalLong unbindUser();

    /** Queues an event for the client; never blocks. */
    void emit(String event, JsonValue payload);

    /**
     * Queues an event for the client; {@code onWritten} runs once the event has been written
     * to the client's transport (never, if the connection fails first).
     */
    void emit(String event, JsonValue payload, Runnable onWritten);

    /**
     * Like {@link #emit(String, JsonValue, Runnable)} with a payload already encoded as JSON
     * text, so that one event sent to many connections is encoded once.
     */
    void emitEncoded(String event, String payloadJson, Runnable onWritten);

    /** Ends the connection: the client receives a Socket.IO disconnect, then the close. */
    void disconnect(String reason);

    /** Whether the connection is over; it is closed before the registry hears of it. */
    boolean isClosed();

    String remoteAddress();

    /** {@code websocket} or {@code polling}. */
    String transport();

    Instant openedAt();
}
