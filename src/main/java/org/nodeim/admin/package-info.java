/**
 * The administration console at {@code /admin/}: Jakarta Faces pages with thin
 * {@code *Backing} beans, its security (form login for the {@code admin} role, the
 * administrator's credentials, response headers), the actions an administrator takes
 * (through the same services as the socket commands) and the audit log that records them.
 */
package org.nodeim.admin;
