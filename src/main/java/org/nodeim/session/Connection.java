package org.nodeim.session;

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
     * Queues an event, already encoded as JSON text, that the client must prove it received:
     * {@code onReceived} runs once it has (it acknowledged the event, answered a ping sent after
     * it, or left on its own after it was written), and never if the connection fails first.
     * {@code onWritten}, if not null, runs once the event is written to the client's transport.
     */
    void deliver(String event, String payloadJson, Runnable onWritten, Runnable onReceived);

    /**
     * How many characters of events may wait in the connection's outbound queue; past that the
     * connection is closed as a client that does not keep up.
     */
    long outboundCapacity();

    /** Ends the connection: the client receives a Socket.IO disconnect, then the close. */
    void disconnect(String reason);

    /** Whether the connection is over; it is closed before the registry hears of it. */
    boolean isClosed();

    String remoteAddress();

    /** {@code websocket} or {@code polling}. */
    String transport();

    Instant openedAt();
}
