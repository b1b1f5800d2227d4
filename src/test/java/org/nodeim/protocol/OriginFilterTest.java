package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginFilterTest {

    @Test
    void theSameHostAndPortIsTheSameOrigin() {
        assertThat(OriginFilter.isSameOrigin("http://localhost:8080", "localhost:8080")).isTrue();
        assertThat(OriginFilter.isSameOrigin("http://Chat.Example.org", "chat.example.org")).isTrue();
        assertThat(OriginFilter.isSameOrigin("https://chat.example.org", "chat.example.org:443")).isTrue();
        assertThat(OriginFilter.isSameOrigin("http://[::1]:8080", "[::1]:8080")).isTrue();
    }

    @Test
    void anotherHostOrPortIsAnotherOrigin() {
        assertThat(OriginFilter.isSameOrigin("http://localhost:3000", "localhost:8080")).isFalse();
        assertThat(OriginFilter.isSameOrigin("http://evil.example.com", "chat.example.org")).isFalse();
        assertThat(OriginFilter.isSameOrigin("null", "chat.example.org")).isFalse();
        assertThat(OriginFilter.isSameOrigin("http://chat.example.org", null)).isFalse();
        assertThat(OriginFilter.isSameOrigin("not a uri", "chat.example.org")).isFalse();
    }
}
