/**
 * JSON for every feature: the provider looked up once.
 */
package org.nodeim.json;
