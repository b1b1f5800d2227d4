package org.nodeim.protocol;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the Socket.IO packets of one session from its Engine.IO messages, joins binary packets
 * with their attachments, and hands every whole packet to the Socket.IO layer.
 */
final class SocketIoReceiver implements EngineSession.Receiver {

    private static final Logger LOG = Logger.getLogger(SocketIoReceiver.class.getName());

    private final SocketIoServer socketIo;
    /** Under the session's receiving lock. */
    private final BinaryAssembly binary = new BinaryAssembly();

    SocketIoReceiver(SocketIoServer socketIo) {
        this.socketIo = socketIo;
    }

    @Override
    public void message(EngineSession session, String data) throws ProtocolException {
        SocketPacket packet = SocketIoCodec.decode(data);
        if (!binary.holds(packet)) {
            socketIo.onPacket(session, packet);
        }
    }

    @Override
    public void binary(EngineSession session, byte[] frame) {
        switch (binary.attach(frame)) {
            case COMPLETE -> socketIo.onPacket(session, binary.take());
            case STRAY -> LOG.log(Level.FINE, "{0}: binary frame outside a binary packet ignored", session.id());
            case AWAITING -> { }
        }
    }
}
