/**
 * Who is connected: every connection, the signed-in ones by user, and pushing events to them.
 */
package org.nodeim.session;
