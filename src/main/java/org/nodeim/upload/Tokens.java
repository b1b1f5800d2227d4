package org.nodeim.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Unguessable tokens (tickets, file ids) and SHA-256. */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Characters of a ticket: URL-safe Base64 of 32 random bytes. */
    static final int TICKET_LENGTH = 43;

    private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9_-]{" + TICKET_LENGTH + "}");
    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{" + StoredFile.ID_LENGTH + "}");

    private Tokens() {
    }

    static String newTicket() {
        return random(32);
    }

    static String newFileId() {
        return random(24);
    }

    static boolean isTicket(String text) {
        return text != null && TICKET.matcher(text).matches();
    }

    static boolean isFileId(String text) {
        return text != null && FILE_ID.matcher(text).matches();
    }

    private static String random(int bytes) {
        var buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return ENCODER.encodeToString(buffer);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
