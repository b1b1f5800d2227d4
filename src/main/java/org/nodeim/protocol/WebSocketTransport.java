package org.nodeim.protocol;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a session's frames to its WebSocket with the asynchronous API, one frame in flight
 * at a time, so that a slow client holds no thread and delays nobody else.
 */
final class WebSocketTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());

    private final Session socket;
    private final AtomicBoolean writing = new AtomicBoolean();

    WebSocketTransport(Session socket) {
        this.socket = socket;
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public void flush(EngineSession session) {
        if (writing.compareAndSet(false, true)) {
            writeFrom(session);
        }
    }

    /**
     * Writes queued frames until the queue is empty. A write that completes inline lets the
     * loop go on; one that completes later continues from its completion handler.
     */
    private void writeFrom(EngineSession session) {
        while (true) {
            EngineSession.Frame frame = session.nextFrame();
            if (frame == null) {
                writing.set(false);
                if (session.hasQueuedFrames() && writing.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            var handoff = new AtomicInteger();
            SendHandler done = result -> {
                if (!result.isOK()) {
                    LOG.log(Level.FINE, "write to {0} failed: {1}", new Object[] {session.id(), result.getException()});
                    session.close("transport error");
                    return;
                }
                if (frame.onWritten() != null) {
                    frame.onWritten().run();
                }
                if (!handoff.compareAndSet(0, 1)) {
                    writeFrom(session);
                }
            };
            try {
                if (frame.data() instanceof String text) {
                    // a lone surrogate, which no client can send any more, would make the container fail the write
                    socket.getAsyncRemote().sendText(SocketIoCodec.replaceLoneSurrogates(text), done);
                } else {
                    socket.getAsyncRemote().sendBinary(ByteBuffer.wrap((byte[]) frame.data()), done);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "write to {0} failed: {1}", new Object[] {session.id(), e});
                session.close("transport error");
                return;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Error e) {
                // Tyrus reports a text it cannot encode as an Error; left uncaught, it would leave
                // this connection's writer busy for good.
                LOG.log(Level.WARNING, "write to " + session.id() + " failed; closing the connection", e);
                session.close("transport error");
                return;
            }
            if (handoff.compareAndSet(0, 2)) {
                return;
            }
        }
    }

    /**
     * Sends a frame outside the session's queue: the answer to an upgrade probe, written while
     * the session still belongs to another transport and this one writes nothing else. It is
     * written before this returns (a few bytes on the thread that read the probe), so that it
     * reaches the client before anything that follows the upgrade.
     */
    void sendOutOfQueue(String text) {
        try {
            socket.getBasicRemote().sendText(text);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "probe answer failed: {0}", e);
            close("transport error");
        }
    }

    @Override
    public void close(String reason) {
        if (!socket.isOpen()) {
            return;
        }
        try {
            String phrase = reason.length() > 120 ? reason.substring(0, 120) : reason;
            socket.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, phrase));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }
}
