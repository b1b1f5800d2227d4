/**
 * The application's data source (embedded Derby by default, PostgreSQL or another by
 * configuration) and its versioned schema: the Liquibase change log under
 * {@code db/changelog/}, applied at deployment. Entities describe tables; they never create them.
 */
package org.nodeim.database;
