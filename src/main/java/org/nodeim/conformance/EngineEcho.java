package org.nodeim.conformance;

import org.nodeim.protocol.EnginePacket;
import org.nodeim.protocol.EngineSession;

/** Sends every message of the client back as it came: text as text, binary as binary. */
final class EngineEcho implements EngineSession.Receiver {

    @Override
    public void message(EngineSession session, String data) {
        session.send(new EnginePacket(EnginePacket.Type.MESSAGE, data));
    }

    @Override
    public void binary(EngineSession session, byte[] frame) {
        session.send(frame);
    }
}
