/**
 * The application's data source: embedded Derby by default, configurable.
 */
package org.nodeim.database;
