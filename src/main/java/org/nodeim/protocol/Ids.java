package org.nodeim.protocol;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, URL-safe identifiers for sessions and sockets. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String random() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
