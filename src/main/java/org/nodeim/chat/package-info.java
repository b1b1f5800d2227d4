/**
 * Messages: direct messages and notifications, their delivery (live and at signin), history, HTML sanitizing.
 */
package org.nodeim.chat;
