package org.nodeim.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Resume tokens: 256 random bits, URL-safe Base64 on the wire; the server keeps only their
 * SHA-256, which is enough for a secret that random (nothing to guess, nothing to stretch).
 */
public final class ResumeToken {

    /** The length of every token this server gives out, in characters. */
    public static final int LENGTH = 43;

    /** The length of a token's hash, in hexadecimal characters. */
    public static final int HASH_LENGTH = 64;

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private ResumeToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64.encodeToString(bytes);
    }

    /** What is stored of a token: its SHA-256, in lowercase hexadecimal. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether a client's text can be a token of this server at all (checked before any look-up). */
    public static boolean isWellFormed(String token) {
        return token.length() == LENGTH && token.chars().allMatch(ResumeToken::isBase64Url);
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
