/**
 * What the people who run nodeim look at: MicroProfile Health checks, at the server's
 * {@code /health/ready} and {@code /health/live}, and the server-wide figures of the metrics
 * (the features count their own).
 */
package org.nodeim.operations;
