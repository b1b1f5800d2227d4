package org.nodeim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleFilterTest {

    @Test
    void canonicalConsolePathsPass() {
        for (String path : new String[] {"/admin/", "/admin/index.xhtml", "/admin/users.xhtml",
                "/jakarta.faces.resource/console.css.xhtml"}) {
            assertThat(ConsoleFilter.concernsConsole(path)).as(path).isTrue();
            assertThat(ConsoleFilter.isCanonical(path)).as(path).isTrue();
        }
    }

    @Test
    void pathsAParserCouldReinterpretAreRefused() {
        for (String path : new String[] {"/admin/..;/x", "/admin;jsessionid=1/index.xhtml", "/%61dmin/", "//admin/",
                "/admin//users.xhtml", "/ADMIN/", "/Admin/index.xhtml", "/admin/./index.xhtml", "/admin/../admin/",
                "/admin\\index.xhtml", "/admin/index.xhtml%00", "/admin/ index.xhtml", "/admin/é.xhtml", "/admin/.."}) {
            assertThat(ConsoleFilter.concernsConsole(path)).as(path).isTrue();
            assertThat(ConsoleFilter.isCanonical(path)).as(path).isFalse();
        }
    }

    @Test
    void encodedConsolePathsConcernTheConsole() {
        assertThat(ConsoleFilter.concernsConsole("/%61%64%6d%69%6e/")).isTrue();
        assertThat(ConsoleFilter.concernsConsole("/x/%2e%2e/WEB-INF/web.xml")).isTrue();
        assertThat(ConsoleFilter.concernsConsole("/%zz")).as("malformed").isTrue();
    }

    @Test
    void otherPathsAreLeftAlone() {
        assertThat(ConsoleFilter.concernsConsole("/socket.io/")).isFalse();
        assertThat(ConsoleFilter.concernsConsole("/nodeim.js")).isFalse();
        assertThat(ConsoleFilter.concernsConsole("/socket.io/socket.io.js")).isFalse();
    }

    @Test
    void aViewStateIsPostedOnceAndTheOldestAreForgottenBeyondTheCapacity() {
        var posted = new ConsoleFilter.PostedViewStates(2);
        assertThat(posted.firstPost("a")).isTrue();
        assertThat(posted.firstPost("a")).as("a replay").isFalse();
        assertThat(posted.firstPost("b")).isTrue();
        assertThat(posted.firstPost("c")).isTrue();
        assertThat(posted.firstPost("b")).isFalse();
        assertThat(posted.firstPost("a")).as("forgotten, and Faces no longer holds its view either").isTrue();
    }
}
