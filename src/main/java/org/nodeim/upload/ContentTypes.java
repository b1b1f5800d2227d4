package org.nodeim.upload;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Content types that clients declare for their files: kept only when well formed, and
 * deciding whether a browser may show the file in place or must download it.
 */
public final class ContentTypes {

    /** The longest content type kept. */
    public static final int MAX_LENGTH = 200;

    static final String UNKNOWN = "application/octet-stream";

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]{1,64}");
    private static final Pattern CHARSET = Pattern.compile("[A-Za-z0-9_.:+-]{1,40}");

    private ContentTypes() {
    }

    /**
     * The type to keep: {@code type/subtype} in lower case, with its {@code charset} for text
     * types; {@code application/octet-stream} for anything missing or malformed.
     */
    public static String clean(String declared) {
        if (declared == null) {
            return UNKNOWN;
        }
        String[] parts = declared.split(";");
        String[] type = parts[0].strip().toLowerCase(Locale.ROOT).split("/", -1);
        if (type.length != 2 || !TOKEN.matcher(type[0]).matches() || !TOKEN.matcher(type[1]).matches()) {
            return UNKNOWN;
        }
        String result = type[0] + "/" + type[1];
        if (type[0].equals("text")) {
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].strip().split("=", 2);
                if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")) {
                    String charset = parameter[1].strip();
                    if (charset.length() > 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                        charset = charset.substring(1, charset.length() - 1);
                    }
                    if (CHARSET.matcher(charset).matches()) {
                        result += ";charset=" + charset;
                    }
                    break;
                }
            }
        }
        return result;
    }

    /**
     * Whether a browser may show a file of this type in place: images (SVG excepted, as it may
     * hold scripts), audio, video and plain text. Everything else is served as an attachment.
     */
    public static boolean isInline(String contentType) {
        String type = contentType.split(";", 2)[0];
        if (type.startsWith("image/")) {
            return !type.contains("svg");
        }
        return type.startsWith("audio/") || type.startsWith("video/") || type.equals("text/plain");
    }
}
