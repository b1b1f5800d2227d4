package org.nodeim.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * Turns what a client sent into a message ready to store: the HTML checked for length and
 * sanitized, the client's {@code time} kept aside, the server's clock as its time.
 */
@ApplicationScoped
public class MessageComposer {

    private static final int MAX_CLIENT_TIME_LENGTH = 64;

    @Inject
    @ConfigProperty(name = "nodeim.chat.max-message-bytes", defaultValue = "65536")
    int maxMessageBytes;

    /** A direct message. */
    public Message direct(long sender, long recipient, String html, JsonValue clientTime) {
        return Message.direct(sender, recipient, null, clean(html), clientTimeOf(clientTime));
    }

    /** A message posted in a room (membership checked by the caller). */
    public Message inRoom(long sender, long room, String html, JsonValue clientTime) {
        return Message.inRoom(sender, room, clean(html), clientTimeOf(clientTime));
    }

    /** The sanitized message; 400 if the HTML sent is longer than allowed. */
    public String clean(String html) {
        if (html.length() > maxMessageBytes / 3 && html.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
            throw new Refused(Reason.INVALID, "message longer than " + maxMessageBytes + " bytes");
        }
        return HtmlSanitizer.sanitize(html);
    }

    private static String clientTimeOf(JsonValue clientTime) {
        if (clientTime == null) {
            return null;
        }
        return switch (clientTime.getValueType()) {
            case NUMBER, STRING -> clientTime.toString().length() <= MAX_CLIENT_TIME_LENGTH ? clientTime.toString() : null;
            default -> null;
        };
    }
}
