package org.nodeim.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of an HTTP long-polling request or response: Engine.IO packets separated by the
 * record separator {@code \x1e}, a binary frame written as {@code b} followed by its base64.
 * Plain Java.
 */
public final class PollingPayload {

    public static final char SEPARATOR = '\u001e';

    private static final char BINARY_MARK = 'b';

    private PollingPayload() {
    }

    /**
     * Encodes frames, each a {@code String} (a text packet) or a {@code byte[]} (a binary
     * frame), into one UTF-8 body.
     */
    public static byte[] encode(List<?> frames) {
        var body = new StringBuilder();
        for (Object frame : frames) {
            if (!body.isEmpty()) {
                body.append(SEPARATOR);
            }
            if (frame instanceof byte[] binary) {
                body.append(BINARY_MARK).append(Base64.getEncoder().encodeToString(binary));
            } else {
                body.append((String) frame);
            }
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a body into frames: a {@code String} per text packet, a {@code byte[]} per binary
     * frame.
     */
    public static List<Object> decode(String body) throws ProtocolException {
        var frames = new ArrayList<Object>();
        int start = 0;
        while (true) {
            int end = body.indexOf(SEPARATOR, start);
            String part = end < 0 ? body.substring(start) : body.substring(start, end);
            if (part.isEmpty()) {
                throw new ProtocolException("empty packet in payload");
            }
            if (part.charAt(0) == BINARY_MARK) {
                try {
                    frames.add(Base64.getDecoder().decode(part.substring(1)));
                } catch (IllegalArgumentException e) {
                    throw new ProtocolException("invalid base64 in payload");
                }
            } else {
                frames.add(part);
            }
            if (end < 0) {
                return frames;
            }
            start = end + 1;
        }
    }
}
