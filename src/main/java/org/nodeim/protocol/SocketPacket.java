package org.nodeim.protocol;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * One Socket.IO v5 packet.
 *
 * @param type        the packet type
 * @param namespace   the namespace, {@code "/"} for the main one
 * @param ackId       the acknowledgement id, or {@code null}
 * @param payload     the JSON payload, or {@code null} when the packet has none
 * @param attachments number of binary attachments announced by a binary packet
 * @param buffers     the binary attachments, once they have all arrived
 */
public record SocketPacket(Type type, String namespace, Long ackId, JsonValue payload,
                           int attachments, List<byte[]> buffers) {

    public static final String MAIN_NAMESPACE = "/";

    /** Socket.IO packet types, by their wire digit. */
    public enum Type {
        CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

        char digit() {
            return (char) ('0' + ordinal());
        }

        public boolean isBinary() {
            return this == BINARY_EVENT || this == BINARY_ACK;
        }
    }

    public SocketPacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        buffers = List.copyOf(buffers);
    }

    public SocketPacket(Type type, String namespace, Long ackId, JsonValue payload) {
        this(type, namespace, ackId, payload, 0, List.of());
    }

    public boolean isMainNamespace() {
        return MAIN_NAMESPACE.equals(namespace);
    }

    /** Whether this binary packet still waits for some of its attachments. */
    public boolean awaitsAttachments() {
        return buffers.size() < attachments;
    }

    public SocketPacket withBuffer(byte[] buffer) {
        var all = new java.util.ArrayList<>(buffers);
        all.add(buffer);
        return new SocketPacket(type, namespace, ackId, payload, attachments, all);
    }
}
