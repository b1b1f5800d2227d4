package org.nodeim.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentTypesTest {

    @Test
    void wellFormedTypesAreKeptInLowerCase() {
        assertThat(ContentTypes.clean("Image/PNG")).isEqualTo("image/png");
        assertThat(ContentTypes.clean("application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(ContentTypes.clean("image/png; name=x")).isEqualTo("image/png");
    }

    @Test
    void textKeepsItsCharset() {
        assertThat(ContentTypes.clean("text/plain; charset=\"UTF-8\"")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(ContentTypes.clean("text/plain;format=flowed;charset=iso-8859-1")).isEqualTo("text/plain;charset=iso-8859-1");
        assertThat(ContentTypes.clean("text/plain; charset=a\"b;c")).isEqualTo("text/plain");
    }

    @Test
    void missingOrMalformedTypesAreOctetStream() {
        assertThat(ContentTypes.clean(null)).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.clean("")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.clean("text")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.clean("text/html/x")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.clean("text/html\r\nX-A: b")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.clean("a b/c")).isEqualTo("application/octet-stream");
    }

    @Test
    void onlyImagesButSvgAudioVideoAndPlainTextAreInline() {
        assertThat(ContentTypes.isInline("image/png")).isTrue();
        assertThat(ContentTypes.isInline("image/svg+xml")).isFalse();
        assertThat(ContentTypes.isInline("audio/ogg")).isTrue();
        assertThat(ContentTypes.isInline("video/webm")).isTrue();
        assertThat(ContentTypes.isInline("text/plain;charset=UTF-8")).isTrue();
        assertThat(ContentTypes.isInline("text/html")).isFalse();
        assertThat(ContentTypes.isInline("application/pdf")).isFalse();
        assertThat(ContentTypes.isInline("application/octet-stream")).isFalse();
    }
}
