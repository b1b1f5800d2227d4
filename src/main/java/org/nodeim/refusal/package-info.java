/**
 * The one exception of the domain: a refused request and its reason, below every feature so
 * that services need not know the wire's codes.
 */
package org.nodeim.refusal;
