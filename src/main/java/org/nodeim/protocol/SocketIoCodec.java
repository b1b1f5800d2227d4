package org.nodeim.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import org.nodeim.json.JsonFactory;

/**
 * Encodes and decodes Socket.IO v5 packets carried in Engine.IO message packets. Plain Java:
 * it knows nothing of the container or of the transport.
 */
public final class SocketIoCodec {

    /** Event names a client may not emit: the client library reserves them for itself. */
    public static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    /** Deeper JSON than this is refused before it is parsed. */
    public static final int MAX_DEPTH = 64;

    private static final int MAX_ACK_ID_DIGITS = 15;
    private static final int MAX_ATTACHMENTS = 16;

    private SocketIoCodec() {
    }

    public static SocketPacket decode(String text) throws ProtocolException {
        if (text == null || text.isEmpty()) {
            throw new ProtocolException("empty packet");
        }
        int typeDigit = text.charAt(0) - '0';
        if (typeDigit < 0 || typeDigit >= SocketPacket.Type.values().length) {
            throw new ProtocolException("unknown packet type");
        }
        var type = SocketPacket.Type.values()[typeDigit];
        int i = 1;

        int attachments = 0;
        if (type.isBinary()) {
            int dash = text.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 2 || !allDigits(text, i, dash)) {
                throw new ProtocolException("illegal attachments");
            }
            attachments = Integer.parseInt(text.substring(i, dash));
            if (attachments > MAX_ATTACHMENTS) {
                throw new ProtocolException("too many attachments");
            }
            i = dash + 1;
        }

        String namespace = SocketPacket.MAIN_NAMESPACE;
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : comma + 1;
        }

        Long ackId = null;
        int digitsEnd = i;
        while (digitsEnd < text.length() && text.charAt(digitsEnd) >= '0' && text.charAt(digitsEnd) <= '9') {
            digitsEnd++;
        }
        if (digitsEnd > i) {
            if (digitsEnd - i > MAX_ACK_ID_DIGITS) {
                throw new ProtocolException("illegal ack id");
            }
            ackId = Long.parseLong(text.substring(i, digitsEnd));
            i = digitsEnd;
        }

        JsonValue payload = i < text.length() ? parseJson(text.substring(i)) : null;
        if (!isPayloadValid(type, payload)) {
            throw new ProtocolException("invalid payload");
        }
        return new SocketPacket(type, namespace, ackId, payload, attachments, List.of());
    }

    public static String encode(SocketPacket packet) {
        var out = new StringBuilder();
        out.append(packet.type().digit());
        if (packet.type().isBinary()) {
            out.append(packet.attachments()).append('-');
        }
        if (!packet.isMainNamespace()) {
            out.append(packet.namespace()).append(',');
        }
        if (packet.ackId() != null) {
            out.append(packet.ackId());
        }
        if (packet.payload() != null) {
            out.append(packet.payload());
        }
        return out.toString();
    }

    /**
     * The text of an EVENT packet of the main namespace with one argument already encoded as
     * JSON, which the client is asked to acknowledge with {@code ackId}: what {@link #encode}
     * gives for the same packet.
     */
    public static String encodeEvent(String name, long ackId, String argumentJson) {
        return new StringBuilder(argumentJson.length() + 32).append(SocketPacket.Type.EVENT.digit()).append(ackId)
                .append("[").append(JsonFactory.string(name)).append(",").append(argumentJson).append("]").toString();
    }

    /** An EVENT packet of the main namespace: {@code ["name", args...]}. */
    public static SocketPacket event(String name, JsonValue... args) {
        var array = JsonFactory.arrayBuilder().add(name);
        for (JsonValue arg : args) {
            array.add(arg);
        }
        return new SocketPacket(SocketPacket.Type.EVENT, SocketPacket.MAIN_NAMESPACE, null, array.build());
    }

    /** An ACK packet of the main namespace answering {@code ackId} with {@code args}. */
    public static SocketPacket ack(long ackId, JsonValue... args) {
        var array = JsonFactory.arrayBuilder();
        for (JsonValue arg : args) {
            array.add(arg);
        }
        return new SocketPacket(SocketPacket.Type.ACK, SocketPacket.MAIN_NAMESPACE, ackId, array.build());
    }

    static JsonValue parseJson(String json) throws ProtocolException {
        checkDepth(json);
        try (var parser = JsonFactory.parser(json)) {
            if (!parser.hasNext()) {
                throw new ProtocolException("empty JSON payload");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new ProtocolException("trailing data after the JSON payload");
            }
            return mayEscapeSurrogates(json) ? withoutLoneSurrogates(value) : value;
        } catch (JsonException | IllegalStateException | NumberFormatException | UnsupportedOperationException e) {
            // UnsupportedOperationException: the JSON provider refuses numbers longer than its limit
            throw new ProtocolException("invalid JSON payload");
        }
    }

    /**
     * Whether the JSON text escapes a UTF-16 surrogate ({@code \\uD800} to {@code \\uDFFF}), the
     * only way a lone one can arrive: the transports decode UTF-8 and never produce one.
     */
    private static boolean mayEscapeSurrogates(String json) {
        for (int i = json.indexOf("\\u"); i >= 0 && i + 3 < json.length(); i = json.indexOf("\\u", i + 2)) {
            char first = json.charAt(i + 2);
            char second = json.charAt(i + 3);
            if ((first == 'd' || first == 'D') && "89abcdefABCDEF".indexOf(second) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same value with every unpaired surrogate in its strings and member names replaced by
     * U+FFFD, the rule for every string that enters: such a string is valid JSON but cannot be
     * encoded as UTF-8, so it could be neither stored faithfully nor sent to anyone.
     */
    static JsonValue withoutLoneSurrogates(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> {
                String text = ((JsonString) value).getString();
                String clean = replaceLoneSurrogates(text);
                yield clean.equals(text) ? value : JsonFactory.string(clean);
            }
            case ARRAY -> {
                var array = JsonFactory.arrayBuilder();
                value.asJsonArray().forEach(item -> array.add(withoutLoneSurrogates(item)));
                yield array.build();
            }
            case OBJECT -> {
                var object = JsonFactory.objectBuilder();
                value.asJsonObject().forEach((name, item) -> object.add(replaceLoneSurrogates(name),
                        withoutLoneSurrogates(item)));
                yield object.build();
            }
            default -> value;
        };
    }

    static String replaceLoneSurrogates(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (clean != null) {
                    clean.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (clean == null) {
                    clean = new StringBuilder(text.length()).append(text, 0, i);
                }
                clean.append('\uFFFD');
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? text : clean.toString();
    }

    /** Refuses JSON nested deeper than {@link #MAX_DEPTH} without building anything. */
    static void checkDepth(String json) throws ProtocolException {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new ProtocolException("JSON nested too deeply");
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    private static boolean isPayloadValid(SocketPacket.Type type, JsonValue payload) {
        return switch (type) {
            case CONNECT -> payload == null || payload.getValueType() == JsonValue.ValueType.OBJECT;
            case DISCONNECT -> payload == null;
            case CONNECT_ERROR -> payload != null && (payload.getValueType() == JsonValue.ValueType.OBJECT
                    || payload.getValueType() == JsonValue.ValueType.STRING);
            case EVENT, BINARY_EVENT -> isEventPayload(payload);
            case ACK, BINARY_ACK -> payload != null && payload.getValueType() == JsonValue.ValueType.ARRAY;
        };
    }

    private static boolean isEventPayload(JsonValue payload) {
        if (payload == null || payload.getValueType() != JsonValue.ValueType.ARRAY) {
            return false;
        }
        JsonArray array = payload.asJsonArray();
        if (array.isEmpty() || array.get(0).getValueType() != JsonValue.ValueType.STRING) {
            return false;
        }
        return !RESERVED_EVENTS.contains(array.getString(0));
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
