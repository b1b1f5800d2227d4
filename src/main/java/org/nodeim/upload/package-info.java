/**
 * File upload: tickets for the upload form, the form and its servlet, stored files (bytes on
 * disk under server-chosen names, metadata in the database) and the servlet that serves them.
 */
package org.nodeim.upload;
