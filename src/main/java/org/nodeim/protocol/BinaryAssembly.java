package org.nodeim.protocol;

/**
 * A binary Socket.IO packet being received: its attachments arrive as binary frames after
 * its text frame, and the packet is whole once the last one came. Used by one session under
 * its receiving lock, in the order the client sent its frames.
 */
final class BinaryAssembly {

    /** What an attachment did. */
    enum Outcome {
        /** It was the last: the packet is whole ({@link #take}). */
        COMPLETE,
        /** More attachments are awaited. */
        AWAITING,
        /** No binary packet awaits attachments: the frame is not part of one. */
        STRAY
    }

    private SocketPacket incomplete;
    private SocketPacket complete;

    /** Whether the packet must wait for attachments; if so it is held until they came. */
    boolean holds(SocketPacket packet) {
        if (packet.type().isBinary() && packet.awaitsAttachments()) {
            incomplete = packet;
            return true;
        }
        return false;
    }

    Outcome attach(byte[] attachment) {
        if (incomplete == null) {
            return Outcome.STRAY;
        }
        incomplete = incomplete.withBuffer(attachment);
        if (incomplete.awaitsAttachments()) {
            return Outcome.AWAITING;
        }
        complete = incomplete;
        incomplete = null;
        return Outcome.COMPLETE;
    }

    /** The packet made whole by the last attachment. */
    SocketPacket take() {
        SocketPacket packet = complete;
        complete = null;
        return packet;
    }
}
