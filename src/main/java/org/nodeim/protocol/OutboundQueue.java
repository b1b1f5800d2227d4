package org.nodeim.protocol;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nodeim.protocol.EngineSession.Frame;

/**
 * The frames waiting to be written to one session's transport, in order, bounded both in
 * number and in size (characters of text frames, bytes of binary ones), so that a client that
 * does not read cannot make the server hold an unbounded amount for it. Safe for many
 * producers and one consumer (the transport's writer).
 */
final class OutboundQueue {

    private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong size = new AtomicLong();
    private final int maxFrames;
    private final long maxSize;

    OutboundQueue(int maxFrames, long maxSize) {
        this.maxFrames = maxFrames;
        this.maxSize = maxSize;
    }

    /** Adds a frame at the end; false, adding nothing, if it would take the queue over a bound. */
    boolean offer(Frame frame) {
        int frameSize = frame.size();
        boolean tooMany = count.incrementAndGet() > maxFrames;
        boolean tooLarge = size.addAndGet(frameSize) > maxSize;
        if (tooMany || tooLarge) {
            count.decrementAndGet();
            size.addAndGet(-frameSize);
            return false;
        }
        frames.add(frame);
        return true;
    }

    /** The first frame, taken out; {@code null} when there is none. */
    Frame poll() {
        Frame frame = frames.poll();
        if (frame != null) {
            count.decrementAndGet();
            size.addAndGet(-frame.size());
        }
        return frame;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    /** Drops every frame. */
    void clear() {
        for (Frame frame = poll(); frame != null; frame = poll()) {
            // dropped
        }
    }
}
