package org.nodeim.conformance;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.nodeim.json.JsonFactory;
import org.nodeim.protocol.SocketPacket;

/**
 * What the server answers in conformance mode, as the official Socket.IO protocol test suite
 * expects: an {@code auth} event with the handshake auth object after each CONNECT, event
 * {@code message} echoed as {@code message-back}, event {@code message-with-ack} acknowledged
 * with its own arguments; binary attachments come back as they came. Plain Java.
 */
final class ConformanceEcho {

    /** The namespace that the suite connects to besides the main one. */
    static final String NAMESPACE = "/custom";

    private static final String MESSAGE = "message";
    private static final String MESSAGE_BACK = "message-back";
    private static final String MESSAGE_WITH_ACK = "message-with-ack";
    private static final String AUTH = "auth";

    private ConformanceEcho() {
    }

    /** The {@code auth} event sent after a CONNECT to a namespace. */
    static SocketPacket auth(String namespace, JsonObject auth) {
        JsonArray payload = JsonFactory.arrayBuilder().add(AUTH)
                .add(auth == null ? JsonValue.EMPTY_JSON_OBJECT : auth).build();
        return new SocketPacket(SocketPacket.Type.EVENT, namespace, null, payload);
    }

    /** The answer to an event, if it is one of the echoed ones. */
    static Optional<SocketPacket> answer(SocketPacket event) {
        JsonArray args = event.payload().asJsonArray();
        String name = args.getString(0);
        boolean binary = event.type().isBinary();
        if (MESSAGE.equals(name)) {
            JsonArray echoed = JsonFactory.arrayBuilder(args).set(0, MESSAGE_BACK).build();
            return Optional.of(new SocketPacket(binary ? SocketPacket.Type.BINARY_EVENT : SocketPacket.Type.EVENT,
                    event.namespace(), null, echoed, event.buffers().size(), event.buffers()));
        }
        if (MESSAGE_WITH_ACK.equals(name) && event.ackId() != null) {
            return Optional.of(new SocketPacket(binary ? SocketPacket.Type.BINARY_ACK : SocketPacket.Type.ACK,
                    event.namespace(), event.ackId(), JsonFactory.arrayBuilder(args).remove(0).build(), event.buffers().size(), event.buffers()));
        }
        return Optional.empty();
    }
}
