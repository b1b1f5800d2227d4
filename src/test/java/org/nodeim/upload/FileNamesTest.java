package org.nodeim.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.clean("C:\\Users\\ann\\photo.jpg")).isEqualTo("photo.jpg");
        assertThat(FileNames.clean("dir/")).isEqualTo("file");
    }

    @Test
    void dotsAloneAndEmptyNamesBecomeFile() {
        assertThat(FileNames.clean(null)).isEqualTo("file");
        assertThat(FileNames.clean("")).isEqualTo("file");
        assertThat(FileNames.clean("   ")).isEqualTo("file");
        assertThat(FileNames.clean(".")).isEqualTo("file");
        assertThat(FileNames.clean("..")).isEqualTo("file");
        assertThat(FileNames.clean("...")).isEqualTo("file");
        assertThat(FileNames.clean(".profile")).isEqualTo(".profile");
    }

    @Test
    void dropsControlAndBidiOverrideCharacters() {
        assertThat(FileNames.clean("a\u0000b\nc\r\td\u007f.txt")).isEqualTo("abcd.txt");
        assertThat(FileNames.clean("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(FileNames.clean("x\u2028y\uD800z")).isEqualTo("xyz");
    }

    @Test
    void unicodeSurvivesInNfc() {
        assertThat(FileNames.clean("Re\u0301sume\u0301 \u5c65\u6b74\u66f8 \uD83D\uDCC4.txt"))
                .isEqualTo("R\u00e9sum\u00e9 \u5c65\u6b74\u66f8 \uD83D\uDCC4.txt");
    }

    @Test
    void longNamesAreShortenedKeepingTheExtensionAndWholeCodePoints() {
        assertThat(FileNames.clean("a".repeat(400) + ".jpeg")).isEqualTo("a".repeat(250) + ".jpeg");
        String emoji = "\uD83D\uDE00";
        String shortened = FileNames.clean(emoji.repeat(300));
        assertThat(shortened.codePointCount(0, shortened.length())).isEqualTo(FileNames.MAX_CODE_POINTS);
        assertThat(shortened).isEqualTo(emoji.repeat(FileNames.MAX_CODE_POINTS));
        assertThat(FileNames.clean("b".repeat(300) + "." + "c".repeat(40))).hasSize(FileNames.MAX_CODE_POINTS);
    }

    @Test
    void contentDispositionHasAnAsciiFallbackAndTheExactNameInUtf8() {
        assertThat(FileNames.contentDisposition(true, "cat.png")).isEqualTo("inline; filename=\"cat.png\"");
        assertThat(FileNames.contentDisposition(false, "a \"b\" \\c%.txt"))
                .isEqualTo("attachment; filename=\"a _b_ _c_.txt\"; filename*=UTF-8''a%20%22b%22%20%5Cc%25.txt");
        assertThat(FileNames.contentDisposition(false, "\u00e9t\u00e9 \uD83D\uDCC4.pdf"))
                .isEqualTo("attachment; filename=\"_t_ _.pdf\"; filename*=UTF-8''%C3%A9t%C3%A9%20%F0%9F%93%84.pdf");
    }
}
