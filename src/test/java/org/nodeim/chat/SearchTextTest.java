package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pieces of {@code search} that need no database: LIKE patterns and the text of HTML. */
class SearchTextTest {

    @Test
    void wildcardsAndTheEscapeItselfMatchThemselves() {
        assertThat(ChatService.likeEscaped("100%")).isEqualTo("100\\%");
        assertThat(ChatService.likeEscaped("a_b")).isEqualTo("a\\_b");
        assertThat(ChatService.likeEscaped("c:\\temp")).isEqualTo("c:\\\\temp");
        assertThat(ChatService.likeEscaped("plain words")).isEqualTo("plain words");
    }

    @Test
    void theTextOfHtmlIsWhatAReaderSees() {
        assertThat(HtmlSanitizer.text("Lunch at <b>noon</b>")).isEqualTo("Lunch at noon");
        assertThat(HtmlSanitizer.text("fish &amp; chips &lt;3")).isEqualTo("fish & chips <3");
        assertThat(HtmlSanitizer.text("<a href=\"https://b.example\">link</a>")).isEqualTo("link");
        assertThat(HtmlSanitizer.text("<img src=\"/x.png\" alt=\"bob\">")).isEmpty();
    }
}
