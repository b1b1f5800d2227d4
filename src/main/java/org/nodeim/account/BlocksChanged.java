package org.nodeim.account;

/** Who blocks {@code blocked} changed (fired inside the changing transaction). */
record BlocksChanged(long blocked) {
}
