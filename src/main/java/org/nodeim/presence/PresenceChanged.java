package org.nodeim.presence;

/** An online user set their presence. */
public record PresenceChanged(long userId, String presence) {
}
