package org.nodeim.session;

/** A connection has closed; fired after it was signed out. */
public record ConnectionClosed(Connection connection) {
}
