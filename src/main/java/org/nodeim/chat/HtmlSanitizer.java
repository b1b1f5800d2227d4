package org.nodeim.chat;

import org.jsoup.Jsoup;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Cleans message HTML against an allowlist: formatting, links (http, https, mailto; opened
 * with {@code rel="noopener nofollow"}) and images (http, https or relative). Everything
 * else — scripts, styles, frames, event handlers, {@code javascript:} and {@code data:} URLs —
 * is removed.
 */
public final class HtmlSanitizer {

    private static final Safelist ALLOWED = new Safelist()
            .addTags("a", "b", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6",
                    "hr", "i", "img", "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strike",
                    "strong", "sub", "sup", "u", "ul")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt", "title", "width", "height")
            .addAttributes("blockquote", "cite")
            .addAttributes("q", "cite")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addProtocols("blockquote", "cite", "http", "https")
            .addProtocols("q", "cite", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener nofollow")
            .preserveRelativeLinks(true);

    /** Relative image paths are resolved against this base only to be checked, and kept relative. */
    private static final String CHECK_BASE = "https://nodeim.invalid/";

    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

    private HtmlSanitizer() {
    }

    public static String sanitize(String html) {
        return isPlainText(html) ? html : parseAndClean(html);
    }

    /** The full path: parse, keep what the allowlist allows, check the URLs kept. */
    /** The text of sanitized HTML, as a reader sees it: without tags, entities decoded, spaces collapsed. */
    static String text(String html) {
        return Jsoup.parseBodyFragment(html).body().text();
    }

    static String parseAndClean(String html) {
        Document clean = Jsoup.parseBodyFragment(Jsoup.clean(html, CHECK_BASE, ALLOWED, OUTPUT));
        for (Element element : clean.body().select("[href], [src], [cite]")) {
            for (String attribute : new String[] {"href", "src", "cite"}) {
                if (element.hasAttr(attribute) && !isPlainUrl(element.attr(attribute))) {
                    element.removeAttr(attribute);
                }
            }
        }
        clean.outputSettings(OUTPUT);
        return clean.body().html();
    }

    /**
     * Whether the text is one the full path would return unchanged, so that most chat
     * messages skip parsing: no markup, no character that HTML output escapes ({@code < > & "
     * '}, no-break space) and nothing it might normalise (control characters other than tab
     * and line feed, lone surrogates).
     */
    static boolean isPlainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                if (c == '<' || c == '>' || c == '&' || c == '"' || c == '\'') {
                    return false;
                }
            } else if (c == '\n' || c == '\t' || c > 0xA0 && !Character.isSurrogate(c)) {
                continue;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a kept URL is what it looks like: an allowed scheme, or a relative reference
     * without a scheme-like prefix or characters that some parsers read as quotes.
     */
    private static boolean isPlainUrl(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("mailto:")) {
            return true;
        }
        return !lower.contains("`") && !lower.contains("\\") && !SCHEME_LIKE.matcher(lower).find();
    }

    private static final Pattern SCHEME_LIKE = Pattern.compile("^[^/?#]*:");
}
