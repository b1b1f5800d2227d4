package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Alice Smith", "张三", "émile", "o'brien", "👩‍💻dev"})
    void acceptsOrdinaryNames(String name) {
        assertThat(Usernames.problemWith(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\u0000b", "line\nbreak", "tab\there", "bell\u0007", "rtl\u202Eoverride", "zero\u200Bwidth", "bob ", " bob", "\u3000bob"})
    void refusesEmptyAndControlCharacters(String name) {
        assertThat(Usernames.problemWith(name)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void limitIsSixtyFourCharacters() {
        assertThat(Usernames.problemWith("x".repeat(64))).isEmpty();
        assertThat(Usernames.problemWith("x".repeat(65))).isPresent();
        assertThat(Usernames.problemWith("😀".repeat(64))).isEmpty();
    }
}
