/**
 * Contacts: friend requests and their answers, friendships, groups.
 */
package org.nodeim.contact;
