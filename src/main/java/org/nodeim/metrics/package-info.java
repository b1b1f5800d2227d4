/**
 * The server's figures (counters, histograms, gauges), written through {@link org.nodeim.metrics.Meters}:
 * exported by MicroProfile Metrics where the server has it, kept nowhere where it has not.
 */
package org.nodeim.metrics;
