package org.nodeim.upload;

import java.util.Optional;

/**
 * One range of bytes asked for by a {@code Range} header (RFC 9110 §14): {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. Several ranges, other units and malformed headers are
 * ignored (the whole file is served), as the RFC allows.
 */
public record ByteRange(long first, long last) {

    /** The answer to a range that lies wholly past the end of the file: 416. */
    public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    public long length() {
        return last - first + 1;
    }

    /** The range asked for in a file of that size, if one is to be honoured. */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || size == 0 || !header.startsWith("bytes=")) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (spec.contains(",") || dash < 0) {
            return Optional.empty();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (!digits(from) && !from.isEmpty() || !digits(to) && !to.isEmpty() || from.isEmpty() && to.isEmpty()) {
            return Optional.empty();
        }
        if (from.isEmpty()) {
            long suffix = parseLong(to);
            return Optional.of(suffix == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = parseLong(from);
        long last = to.isEmpty() ? size - 1 : Math.min(parseLong(to), size - 1);
        if (!to.isEmpty() && parseLong(to) < first) {
            return Optional.empty();
        }
        return Optional.of(first >= size ? UNSATISFIABLE : new ByteRange(first, last));
    }

    private static boolean digits(String text) {
        return !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long parseLong(String digits) {
        return Long.parseLong(digits);
    }
}
