package org.nodeim.session;

import jakarta.json.JsonObject;
import java.util.OptionalLong;

/**
 * What another node of the cluster relayed to this one ({@link SessionRegistry#relay},
 * {@link SessionRegistry#relayToAll}): {@code kind} names it for its feature, for instance
 * {@code chat.direct}; {@code userId} is the user it is for, if any.
 */
public record Relayed(String kind, OptionalLong userId, JsonObject body) {

    public boolean is(String expected) {
        return kind.equals(expected);
    }
}
