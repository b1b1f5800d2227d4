package org.nodeim.account;

/** Whom {@code blocker} blocks changed (fired inside the changing transaction). */
record BlocksChanged(long blocker) {
}
