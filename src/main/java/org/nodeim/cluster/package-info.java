/**
 * The other nodes of a cluster: which node holds which signed-in users, and a bus that carries
 * text between nodes. One node alone by default; Payara's Data Grid (Hazelcast) in a cluster.
 */
package org.nodeim.cluster;
