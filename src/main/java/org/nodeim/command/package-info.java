/**
 * Command dispatch: the {@code @Command} qualifier, the handler registry with the checks every command shares, replies and failures.
 */
package org.nodeim.command;
