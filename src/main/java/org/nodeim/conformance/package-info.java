/**
 * Conformance mode ({@code nodeim.protocol.conformance=true}), for the official Socket.IO and
 * Engine.IO protocol test suites: the echoing Socket.IO layer that then replaces nodeim's, and
 * the bare Engine.IO echo server at {@code /engine.io/}. Nothing here is on the path of a
 * packet outside that mode.
 */
package org.nodeim.conformance;
