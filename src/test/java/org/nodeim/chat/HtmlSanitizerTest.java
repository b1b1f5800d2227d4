package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitizerTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"x.swf\"></object>",
        "<embed src=\"x.swf\">",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<body onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<form action=\"javascript:alert(1)\"><input type=submit></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"https://evil.example/x.css\">",
        "<p onmouseover=\"alert(1)\">hover</p>",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=`javascript:alert(1)`>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
    })
    void knownXssPayloadsAreDefused(String payload) {
        String clean = HtmlSanitizer.sanitize(payload).toLowerCase();
        assertThat(clean).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("vbscript:")
                .doesNotContain("data:").doesNotContain("onerror").doesNotContain("onload").doesNotContain("onclick")
                .doesNotContain("onmouseover").doesNotContain("ontoggle").doesNotContain("<iframe").doesNotContain("<style")
                .doesNotContain("style=").doesNotContain("<svg").doesNotContain("<object").doesNotContain("<embed")
                .doesNotContain("<form").doesNotContain("<meta").doesNotContain("<base").doesNotContain("<link");
    }

    @Test
    void formattingSurvives() {
        String html = "<b>bold</b> <i>it</i> <u>u</u> <em>em</em> <strong>s</strong> <br><ul><li>one</li></ul>"
                + "<blockquote>q</blockquote><code>c</code>";
        assertThat(HtmlSanitizer.sanitize(html)).isEqualTo(html);
    }

    @Test
    void linksKeepSafeProtocolsAndGetRel() {
        assertThat(HtmlSanitizer.sanitize("<a href=\"https://nodeim.org/x?a=1&amp;b=2\">x</a>"))
                .isEqualTo("<a href=\"https://nodeim.org/x?a=1&amp;b=2\" rel=\"noopener nofollow\">x</a>");
        assertThat(HtmlSanitizer.sanitize("<a href=\"mailto:a@b.c\">mail</a>")).contains("href=\"mailto:a@b.c\"");
        assertThat(HtmlSanitizer.sanitize("<a href=\"ftp://x\">f</a>")).doesNotContain("ftp");
    }

    @Test
    void imagesMayBeHttpHttpsOrRelative() {
        assertThat(HtmlSanitizer.sanitize("<img src=\"https://nodeim.org/a.png\" alt=\"a\">"))
                .isEqualTo("<img src=\"https://nodeim.org/a.png\" alt=\"a\">");
        assertThat(HtmlSanitizer.sanitize("<img src=\"/nodeim-server/files/abc\">"))
                .isEqualTo("<img src=\"/nodeim-server/files/abc\">");
        assertThat(HtmlSanitizer.sanitize("<img src=\"http://x.example/a.gif\">")).contains("http://x.example/a.gif");
    }

    @Test
    void plainTextAndUnicodeAreKeptAndEscaped() {
        assertThat(HtmlSanitizer.sanitize("你好 👋 <3 & >")).isEqualTo("你好 👋 &lt;3 &amp; &gt;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "see you at 10:30, ok?", "你好 👋", "two\nlines\tand a tab", "", "  spaced  ",
        "100% (sure) - #1 [x] {y} @z ~ ^ * + = | / \\ ` ; : , .", "émigré ß Ω ✓"})
    void ordinaryTextTakesTheFastPathWithTheSameResult(String text) {
        assertThat(HtmlSanitizer.isPlainText(text)).isTrue();
        assertThat(HtmlSanitizer.sanitize(text)).isEqualTo(HtmlSanitizer.parseAndClean(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a < b", "a > b", "fish & chips", "say \"hi\"", "it's", "no\u00a0break", "cr\rlf",
        "nul\u0000", "lone \ud83d surrogate", "del\u007f", "c1\u0085"})
    void textWithCharactersTheOutputMayChangeTakesTheFullPath(String text) {
        assertThat(HtmlSanitizer.isPlainText(text)).isFalse();
    }

    @Test
    void whateverTakesTheFastPathIsWhatTheFullPathWouldReturn() {
        String alphabet = "aZ09 \t\n\r<>&\"'=/;:!?#%\u00a0\u00e9\u4f60\u0085\u007f\u0000\ud83d\udc4b\u2028\ufeff\ufffd";
        var random = new java.util.Random(42);
        int fast = 0;
        for (int i = 0; i < 20_000; i++) {
            var text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String sample = text.toString();
            if (HtmlSanitizer.isPlainText(sample)) {
                fast++;
                assertThat(HtmlSanitizer.parseAndClean(sample)).as("full path of %s", sample.codePoints().boxed().toList())
                        .isEqualTo(sample);
            }
        }
        assertThat(fast).as("samples on the fast path").isGreaterThan(100);
    }
}
