/**
 * Command dispatch: the {@code @Command} qualifier, the handler registry with the checks every command shares, replies, and the one table of the codes a refusal answers with.
 */
package org.nodeim.command;
