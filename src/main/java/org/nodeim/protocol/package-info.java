/**
 * Engine.IO v4 / Socket.IO v5: the packet codec (plain Java), the WebSocket endpoint and the HTTP long-polling servlet with the upgrade from one to the other, sessions with their heartbeat and outbound queue, cross-origin access and the two ways a client calls a command.
 */
package org.nodeim.protocol;
