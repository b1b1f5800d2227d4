package org.nodeim.account;

import java.util.Optional;

/**
 * What a username may be: 1 to 64 characters, no control characters, no white space at
 * either end (SQL compares strings as if padded with spaces, so "bob" and "bob " would be
 * one name); compared exactly otherwise, case included.
 */
public final class Usernames {

    public static final int MAX_LENGTH = 64;

    private Usernames() {
    }

    /** Why the name cannot be a username, if it cannot. */
    public static Optional<String> problemWith(String username) {
        if (username.isEmpty()) {
            return Optional.of("username is empty");
        }
        if (username.codePointCount(0, username.length()) > MAX_LENGTH) {
            return Optional.of("username longer than " + MAX_LENGTH + " characters");
        }
        if (username.codePoints().anyMatch(Usernames::isControl)) {
            return Optional.of("username contains control characters");
        }
        if (!username.strip().equals(username)) {
            return Optional.of("username starts or ends with white space");
        }
        return Optional.empty();
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT && codePoint != 0x200D
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }
}
