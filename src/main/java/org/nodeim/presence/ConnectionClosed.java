package org.nodeim.presence;

/** A connection has closed; fired after it was signed out. */
public record ConnectionClosed(Connection connection) {
}
