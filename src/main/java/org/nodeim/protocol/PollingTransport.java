package org.nodeim.protocol;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP long-polling transport of one session. It answers a GET of the client at once
 * when frames are queued, and otherwise holds it asynchronously (no thread waits with it)
 * until there are: the held request's {@link Answer} is then written on a container thread
 * ({@link AsyncContext#start}) and the request completed. The held request is never
 * dispatched back to the servlet: Payara can lose a dispatch that races with the servlet's
 * own return, which leaves the client's GET unanswered for good. At most one GET is held at
 * a time; each frame counts as written once the response carrying it has been written.
 */
final class PollingTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(PollingTransport.class.getName());

    /** How long a poll arriving during an upgrade is held before it is answered with a noop. */
    static final long UPGRADE_POLL_MILLIS = 100;

    /**
     * What a poll is answered with: frames (each a {@code String} or a {@code byte[]}) and what
     * runs once they are written, or an error that refuses the request.
     */
    record Answer(List<Object> frames, List<Runnable> onWritten, EngineError error) {

        /** No answer yet: the poll is held. */
        static final Answer HELD = new Answer(List.of(), List.of(), null);

        static Answer of(EnginePacket packet) {
            return new Answer(List.of(packet.encode()), List.of(), null);
        }

        static Answer refusal(EngineError error) {
            return new Answer(List.of(), List.of(), error);
        }
    }

    private final long holdMillis;
    private final Object lock = new Object();
    private HeldPoll heldPoll;
    private boolean released;
    private boolean retired;
    private boolean closed;
    private EnginePacket owed;
    private boolean receiving;

    /** @param holdMillis how long a GET is held at most before it is answered with a noop */
    PollingTransport(long holdMillis) {
        this.holdMillis = holdMillis;
    }

    @Override
    public String name() {
        return "polling";
    }

    /**
     * A GET of the client: the answer to write now, {@link Answer#HELD} when the request is now
     * held (its answer is written later, by this transport), or a refusal when the transport
     * serves no more requests or a GET is held already (which also closes the session).
     */
    Answer poll(ServletRequest request, EngineSession session) {
        HeldPoll poll;
        boolean upgrading;
        boolean overlap;
        synchronized (lock) {
            if (closed) {
                EnginePacket farewell = owed;
                owed = null;
                return farewell == null ? Answer.refusal(EngineError.UNKNOWN_SID) : Answer.of(farewell);
            }
            if (retired) {
                return Answer.refusal(EngineError.BAD_REQUEST);
            }
            overlap = heldPoll != null;
        }
        if (overlap) {
            session.close("overlapping poll");
            return Answer.refusal(EngineError.BAD_REQUEST);
        }
        synchronized (lock) {
            if (heldPoll != null || closed || retired) {
                return Answer.refusal(EngineError.BAD_REQUEST);
            }
            Answer queued = drain(session);
            if (!queued.frames().isEmpty()) {
                return queued;
            }
            upgrading = released;
            poll = new HeldPoll(request.startAsync());
            poll.context.setTimeout(upgrading ? 0 : holdMillis);
            poll.context.addListener(heldPollListener(poll, session));
            heldPoll = poll;
        }
        if (upgrading) {
            session.schedule(() -> answerHeld(poll, Answer.of(EnginePacket.NOOP), session), UPGRADE_POLL_MILLIS);
        }
        flush(session);
        return Answer.HELD;
    }

    /** Ends a held poll that times out with a noop, and the session if the request fails. */
    private AsyncListener heldPollListener(HeldPoll poll, EngineSession session) {
        return new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                if (takeHeld(poll)) {
                    // on the container's thread, before it decides the request timed out
                    write(poll, Answer.of(EnginePacket.NOOP), session);
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                poll.end();
                if (takeHeld(poll)) {
                    session.close("transport error");
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
                poll.end();
                takeHeld(poll);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        };
    }

    /** A POST begins; false when another one is still being read. */
    boolean startReceiving() {
        synchronized (lock) {
            if (receiving) {
                return false;
            }
            receiving = true;
            return true;
        }
    }

    void endReceiving() {
        synchronized (lock) {
            receiving = false;
        }
    }

    @Override
    public void flush(EngineSession session) {
        HeldPoll poll;
        Answer answer;
        synchronized (lock) {
            if (heldPoll == null) {
                return;
            }
            answer = drain(session);
            if (answer.frames().isEmpty()) {
                return;
            }
            poll = heldPoll;
            heldPoll = null;
        }
        answer(poll, answer, session);
    }

    /**
     * Polls are answered at the latest {@link #UPGRADE_POLL_MILLIS} after they arrive, with a
     * noop when nothing is queued, so that the client can pause polling and complete the
     * upgrade; the short hold lets an upgrade packet that the client sent before its poll
     * arrive first, after which the poll is refused.
     */
    @Override
    public void release(EngineSession session) {
        HeldPoll poll;
        synchronized (lock) {
            released = true;
            poll = heldPoll;
        }
        if (poll != null) {
            session.schedule(() -> answerHeld(poll, Answer.of(EnginePacket.NOOP), session), UPGRADE_POLL_MILLIS);
        }
    }

    @Override
    public void resume() {
        synchronized (lock) {
            released = false;
        }
    }

    /** Upgraded: a poll still held was sent after the upgrade packet, and is refused. */
    @Override
    public void retire() {
        HeldPoll poll;
        synchronized (lock) {
            retired = true;
            poll = heldPoll;
            heldPoll = null;
        }
        if (poll != null) {
            answer(poll, Answer.refusal(EngineError.BAD_REQUEST), null);
        }
    }

    @Override
    public void close(String reason) {
        close(reason, null);
    }

    /**
     * A held poll is answered with the farewell packet, or a close packet when there is none;
     * without a held poll, the next poll gets the farewell, if any, and later ones are refused.
     */
    @Override
    public void close(String reason, EnginePacket farewell) {
        HeldPoll poll;
        synchronized (lock) {
            closed = true;
            poll = heldPoll;
            heldPoll = null;
            owed = poll == null ? farewell : null;
        }
        if (poll != null) {
            answer(poll, Answer.of(farewell == null ? EnginePacket.CLOSE : farewell), null);
        }
    }

    /** Takes every queued frame; called with the lock held. */
    private static Answer drain(EngineSession session) {
        var frames = new ArrayList<Object>();
        var callbacks = new ArrayList<Runnable>();
        for (EngineSession.Frame frame = session.nextFrame(); frame != null; frame = session.nextFrame()) {
            frames.add(frame.data());
            if (frame.onWritten() != null) {
                callbacks.add(frame.onWritten());
            }
        }
        return new Answer(frames, callbacks, null);
    }

    private void answerHeld(HeldPoll poll, Answer answer, EngineSession session) {
        if (takeHeld(poll)) {
            answer(poll, answer, session);
        }
    }

    private boolean takeHeld(HeldPoll poll) {
        synchronized (lock) {
            if (heldPoll != poll) {
                return false;
            }
            heldPoll = null;
            return true;
        }
    }

    /** Writes the answer of a held poll on a container thread, so that a slow client holds no caller. */
    private static void answer(HeldPoll poll, Answer answer, EngineSession session) {
        if (!poll.isStillOurs()) {
            return;
        }
        try {
            poll.context.start(() -> write(poll, answer, session));
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "poll already over, its answer is dropped", e);
        }
    }

    /** Writes the answer and completes the request, unless the container has ended it already. */
    private static void write(HeldPoll poll, Answer answer, EngineSession session) {
        synchronized (poll) {
            if (poll.over || !poll.isStillOurs()) {
                return;
            }
            poll.over = true;
            try {
                PollingServlet.answer((HttpServletResponse) poll.context.getResponse(), answer, session);
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "poll answer not written", e);
            } finally {
                try {
                    poll.context.complete();
                } catch (IllegalStateException e) {
                    LOG.log(Level.FINE, "poll already complete", e);
                }
            }
        }
    }

    /**
     * A GET held asynchronously. Once the container has ended it (an error, such as the client
     * going away, or its completion), it is never touched again: the container recycles the
     * request and response objects of an ended request for later requests, so writing to or
     * completing it late would break someone else's request. Writing and ending take turns
     * on this object; and since Payara may end a held request whose client closed its
     * connection without telling its listeners, the request is also checked to be still in
     * this asynchronous cycle before anything is written.
     */
    private static final class HeldPoll {

        final AsyncContext context;
        private boolean over;

        HeldPoll(AsyncContext context) {
            this.context = context;
        }

        synchronized void end() {
            over = true;
        }

        /** Whether the request object still belongs to this held GET, not to a later request. */
        boolean isStillOurs() {
            try {
                ServletRequest request = context.getRequest();
                return request.isAsyncStarted() && request.getAsyncContext() == context;
            } catch (IllegalStateException | NullPointerException e) {
                return false;
            }
        }
    }
}
