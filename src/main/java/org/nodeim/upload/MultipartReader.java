package org.nodeim.upload;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) as it arrives, handing the content of
 * each file to a receiver without buffering it, so that limits hold while the bytes come
 * in and nothing is kept by anyone else. Other fields are read and dropped, within bounds.
 */
final class MultipartReader {

    /** Takes the headers and content of one file; may return {@code null} to leave it out. */
    interface Receiver<T> {
        T receive(String filename, String contentType, InputStream content) throws IOException;
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PARTS = 16;
    private static final int MAX_OTHER_FIELD = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;
    private boolean exhausted;

    private MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
    }

    /**
     * Reads the whole body and hands every file sent in the field of that name to the
     * receiver, in order.
     *
     * @return what the receiver returned for each file, leaving out {@code null}s; empty without such files
     * @throws UploadRefused 400 for a body that is not multipart/form-data or malformed, 413
     *                       for more than {@code maxFiles} files or other fields over their bounds
     * @throws IOException   when the body ends early or cannot be read
     */
    static <T> List<T> readFiles(InputStream body, String contentType, String field, int maxFiles, Receiver<T> receiver)
            throws IOException {
        var reader = new MultipartReader(body, boundaryOf(contentType));
        reader.skipPart();
        var received = new ArrayList<T>();
        int files = 0;
        for (int parts = 0; reader.nextPart(); parts++) {
            if (parts == MAX_PARTS) {
                throw malformed();
            }
            String disposition = reader.readHeaders();
            String[] headers = disposition.split("\r\n");
            Optional<String> name = Optional.empty();
            Optional<String> filename = Optional.empty();
            String type = null;
            for (String header : headers) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String headerName = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                if (headerName.equals("content-disposition")) {
                    name = parameter(value, "name");
                    filename = parameter(value, "filename*").flatMap(MultipartReader::extendedValue).or(() -> parameter(value, "filename"));
                } else if (headerName.equals("content-type")) {
                    type = value;
                }
            }
            var content = reader.new PartStream();
            if (name.filter(field::equals).isPresent() && filename.isPresent()) {
                if (++files > maxFiles) {
                    throw new UploadRefused(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                            "Send at most " + maxFiles + (maxFiles == 1 ? " file" : " files") + " at once.");
                }
                T file = receiver.receive(filename.get(), type, content);
                if (file != null) {
                    received.add(file);
                }
                content.transferTo(OutputStream.nullOutputStream());
            } else if (content.skipAtMost(MAX_OTHER_FIELD) > MAX_OTHER_FIELD) {
                throw new UploadRefused(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "A form field is too large.");
            }
        }
        return received;
    }

    private static String boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new UploadRefused(HttpServletResponse.SC_BAD_REQUEST, "Send the file as multipart/form-data.");
        }
        String boundary = parameter(contentType, "boundary").orElseThrow(MultipartReader::malformed);
        if (boundary.isEmpty() || boundary.length() > 70 || !boundary.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw malformed();
        }
        return boundary;
    }

    /** A parameter of a header value: {@code ; name=token} or {@code ; name="quoted"}. */
    static Optional<String> parameter(String headerValue, String name) {
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            int equals = headerValue.indexOf('=', i);
            if (equals < 0) {
                return Optional.empty();
            }
            String key = headerValue.substring(i + 1, equals).strip();
            int position = equals + 1;
            var value = new StringBuilder();
            if (position < headerValue.length() && headerValue.charAt(position) == '"') {
                position++;
                while (position < headerValue.length() && headerValue.charAt(position) != '"') {
                    char c = headerValue.charAt(position);
                    if (c == '\\' && position + 1 < headerValue.length()
                            && (headerValue.charAt(position + 1) == '"' || headerValue.charAt(position + 1) == '\\')) {
                        position++;
                        c = headerValue.charAt(position);
                    }
                    value.append(c);
                    position++;
                }
                position++;
            } else {
                while (position < headerValue.length() && headerValue.charAt(position) != ';') {
                    value.append(headerValue.charAt(position++));
                }
            }
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(value.toString().strip());
            }
            i = headerValue.indexOf(';', position);
        }
        return Optional.empty();
    }

    /** An RFC 8187 value, {@code UTF-8''percent-encoded}. */
    private static Optional<String> extendedValue(String value) {
        if (!value.regionMatches(true, 0, "UTF-8''", 0, 7)) {
            return Optional.empty();
        }
        try {
            return Optional.of(URLDecoder.decode(value.substring(7).replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static UploadRefused malformed() {
        return new UploadRefused(HttpServletResponse.SC_BAD_REQUEST, "The upload was not a well-formed multipart/form-data body.");
    }

    /** Skips a part's content up to and including the next delimiter. */
    private void skipPart() throws IOException {
        new PartStream().transferTo(OutputStream.nullOutputStream());
    }

    /** After a delimiter: whether a part follows ({@code CRLF}) or the body ends ({@code --}). */
    private boolean nextPart() throws IOException {
        byte first = next();
        byte second = next();
        if (first == '-' && second == '-') {
            return false;
        }
        while (first == ' ' || first == '\t') {
            first = second;
            second = next();
        }
        if (first != '\r' || second != '\n') {
            throw malformed();
        }
        return true;
    }

    /** The header lines of a part, up to the blank line, decoded as UTF-8 (what browsers send). */
    private String readHeaders() throws IOException {
        var headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] blankLine = {'\r', '\n', '\r', '\n'};
        if (peekIsCrlf()) {
            next();
            next();
            return "";
        }
        while (matched < blankLine.length) {
            byte b = next();
            headers.write(b);
            matched = b == blankLine[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (headers.size() > MAX_HEADER_BYTES) {
                throw malformed();
            }
        }
        byte[] bytes = headers.toByteArray();
        return new String(bytes, 0, bytes.length - blankLine.length, StandardCharsets.UTF_8);
    }

    private boolean peekIsCrlf() throws IOException {
        while (end - start < 2) {
            if (!fill()) {
                throw new IOException("multipart body ended early");
            }
        }
        return buffer[start] == '\r' && buffer[start + 1] == '\n';
    }

    private byte next() throws IOException {
        if (start == end && !fill()) {
            throw new IOException("multipart body ended early");
        }
        return buffer[start++];
    }

    /** Moves what is left to the front and reads more; false at the end of the body. */
    private boolean fill() throws IOException {
        if (exhausted) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            exhausted = true;
            return false;
        }
        end += n;
        return true;
    }

    /** Index of the delimiter in the buffered bytes, or -1. */
    private int indexOfDelimiter() {
        outer:
        for (int i = start; i <= end - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The content of the current part: ends before the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {

        private boolean done;

        @Override
        public int read() throws IOException {
            var one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int found = indexOfDelimiter();
                int available = found >= 0 ? found - start : end - start - (delimiter.length - 1);
                if (available > 0) {
                    int n = Math.min(available, length);
                    System.arraycopy(buffer, start, target, offset, n);
                    start += n;
                    return n;
                }
                if (found >= 0) {
                    start += delimiter.length;
                    done = true;
                    return -1;
                }
                if (!fill()) {
                    throw new IOException("multipart body ended early");
                }
            }
        }

        /** Skips the content; how many bytes it held, counting at most one past the bound. */
        long skipAtMost(long bound) throws IOException {
            var scratch = new byte[8192];
            long skipped = 0;
            for (int n; skipped <= bound && (n = read(scratch, 0, scratch.length)) >= 0; ) {
                skipped += n;
            }
            return skipped;
        }
    }
}
