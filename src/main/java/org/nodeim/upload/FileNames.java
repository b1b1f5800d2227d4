package org.nodeim.upload;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Names that clients give their files: made harmless to keep and to show, and written into a
 * {@code Content-Disposition} header (RFC 6266 with the RFC 8187 {@code filename*} form).
 * The name never names anything on disk.
 */
public final class FileNames {

    /** The longest name kept, in code points. */
    public static final int MAX_CODE_POINTS = 255;

    /** The longest extension kept when a name is shortened. */
    private static final int MAX_KEPT_EXTENSION = 16;

    /** The name of a file whose client gave none worth keeping. */
    static final String UNNAMED = "file";

    private FileNames() {
    }

    /**
     * The name to keep: only what follows the last {@code /} or {@code \}, in NFC, without
     * control, bidirectional-override or lone surrogate characters, trimmed, at most
     * {@link #MAX_CODE_POINTS} code points (the extension kept), never empty, {@code .} or {@code ..}.
     */
    public static String clean(String submitted) {
        if (submitted == null) {
            return UNNAMED;
        }
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        var kept = new StringBuilder(name.length());
        name.codePoints().filter(FileNames::isKept).forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        name = shorten(name);
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return UNNAMED;
        }
        return name;
    }

    private static boolean isKept(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.PRIVATE_USE) {
            return false;
        }
        return !(codePoint >= 0x202A && codePoint <= 0x202E) && !(codePoint >= 0x2066 && codePoint <= 0x2069)
                && codePoint != 0x200E && codePoint != 0x200F && codePoint != 0x061C && codePoint != 0xFEFF;
    }

    private static String shorten(String name) {
        int length = name.codePointCount(0, name.length());
        if (length <= MAX_CODE_POINTS) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.codePointCount(dot, name.length()) <= MAX_KEPT_EXTENSION ? name.substring(dot) : "";
        int keep = MAX_CODE_POINTS - extension.codePointCount(0, extension.length());
        return name.substring(0, name.offsetByCodePoints(0, keep)).strip() + extension;
    }

    /**
     * A {@code Content-Disposition} value for a name made by {@link #clean}: an ASCII
     * {@code filename} for old clients and the exact name as UTF-8 in {@code filename*}.
     */
    public static String contentDisposition(boolean inline, String name) {
        var fallback = new StringBuilder(name.length());
        name.codePoints().forEach(c -> fallback.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        var header = new StringBuilder(inline ? "inline" : "attachment")
                .append("; filename=\"").append(fallback).append('"');
        if (!fallback.toString().equals(name)) {
            header.append("; filename*=UTF-8''").append(percentEncoded(name));
        }
        return header.toString();
    }

    /** RFC 8187 {@code value-chars}: attr-char as is, every other UTF-8 byte percent-encoded. */
    private static String percentEncoded(String name) {
        var encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }
}
