package org.nodeim.protocol;

import java.util.Objects;

/**
 * One Engine.IO v4 packet carried as text: a type digit followed by its data.
 */
public record EnginePacket(Type type, String data) {

    /** Engine.IO packet types, by their wire digit. */
    public enum Type {
        OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

        char digit() {
            return (char) ('0' + ordinal());
        }
    }

    public static final EnginePacket PING = new EnginePacket(Type.PING, "");
    public static final EnginePacket PONG = new EnginePacket(Type.PONG, "");
    public static final EnginePacket NOOP = new EnginePacket(Type.NOOP, "");
    public static final EnginePacket CLOSE = new EnginePacket(Type.CLOSE, "");

    public EnginePacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    public static EnginePacket message(String data) {
        return new EnginePacket(Type.MESSAGE, data);
    }

    /** Decodes a text packet: one type digit, then the data. */
    public static EnginePacket decode(String text) throws ProtocolException {
        if (text == null || text.isEmpty()) {
            throw new ProtocolException("empty packet");
        }
        int digit = text.charAt(0) - '0';
        if (digit < 0 || digit >= Type.values().length) {
            throw new ProtocolException("unknown packet type");
        }
        return new EnginePacket(Type.values()[digit], text.substring(1));
    }

    public String encode() {
        return type.digit() + data;
    }
}
