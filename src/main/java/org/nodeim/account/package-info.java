/**
 * Accounts: users and their documents, signup, signin, signout, password hashing.
 */
package org.nodeim.account;
