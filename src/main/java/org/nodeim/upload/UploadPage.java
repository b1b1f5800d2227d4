package org.nodeim.upload;

import java.util.List;
import java.util.Optional;

/** The HTML of the upload form and of its answers; every text from outside is escaped. */
final class UploadPage {

    private static final String STYLE = "body{font:15px/1.4 system-ui,sans-serif;margin:12px;color:#222}"
            + ".done{color:#17602a}.refused{color:#a31515}form{margin:8px 0}small{color:#666}";

    private UploadPage() {
    }

    /** A notice above the form: what happened to the last upload. */
    record Notice(boolean refused, String text) {
    }

    static String form(String action, Optional<Notice> notice, long maxFileSize, int maxFiles) {
        var html = new StringBuilder(1024);
        head(html);
        notice.ifPresent(n -> html.append("<p class=\"").append(n.refused() ? "refused\" role=\"alert\"" : "done\" role=\"status\"")
                .append('>').append(escape(n.text())).append("</p>\n"));
        html.append("<form method=\"post\" action=\"").append(escape(action))
                .append("\" enctype=\"multipart/form-data\" accept-charset=\"UTF-8\">\n")
                .append("<input type=\"file\" name=\"file\" multiple required>\n")
                .append("<button type=\"submit\">Upload</button>\n")
                .append("</form>\n<small>At most ").append(escape(Sizes.describe(maxFileSize))).append(" a file, ")
                .append(maxFiles).append(maxFiles == 1 ? " file" : " files").append(" at once.</small>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    static String refused(String text) {
        var html = new StringBuilder(512);
        head(html);
        html.append("<p class=\"refused\" role=\"alert\">").append(escape(text)).append("</p>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    /** The Content-Security-Policy of these pages: nothing but their own style and posting back. */
    static String contentSecurityPolicy(List<String> frameAncestors) {
        return "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
                + frameAncestors.stream().map(origin -> " " + origin).reduce("", String::concat);
    }

    private static void head(StringBuilder html) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Upload a file</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    }

    static String escape(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append((char) c);
            }
        });
        return escaped.toString();
    }
}
