/**
 * Rooms: creating, joining, leaving, members, messages posted in them, and what members missed.
 */
package org.nodeim.room;
