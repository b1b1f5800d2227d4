/**
 * Users' presence strings and the {@code presence} command that sets them; telling friends is
 * the contact feature's part.
 */
package org.nodeim.presence;
