/**
 * Engine.IO v4 / Socket.IO v5: the packet codec (plain Java), the WebSocket endpoint, sessions with their heartbeat and outbound queue, and the two ways a client calls a command.
 */
package org.nodeim.protocol;
