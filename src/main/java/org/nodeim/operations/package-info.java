/**
 * What the people who run nodeim look at: MicroProfile Health checks, at the server's
 * {@code /health/ready} and {@code /health/live}.
 */
package org.nodeim.operations;
