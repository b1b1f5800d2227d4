/**
 * Rooms: creating, joining, leaving, their members and re-entering them at signin; what is
 * posted in a room is the chat feature's part.
 */
package org.nodeim.room;
