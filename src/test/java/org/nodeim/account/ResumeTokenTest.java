package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ResumeTokenTest {

    @Test
    void tokensAre256RandomBitsInUrlSafeBase64() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            String token = ResumeToken.generate();
            assertThat(token).hasSize(ResumeToken.LENGTH).matches("[A-Za-z0-9_-]+");
            assertThat(ResumeToken.isWellFormed(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theHashIsTheHexadecimalSha256OfTheToken() {
        assertThat(ResumeToken.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                .hasSize(ResumeToken.HASH_LENGTH);
        String token = ResumeToken.generate();
        assertThat(ResumeToken.hash(token)).isEqualTo(ResumeToken.hash(token)).doesNotContain(token);
    }

    @Test
    void onlyTextsOfTheRightLengthAndAlphabetAreWellFormed() {
        assertThat(ResumeToken.isWellFormed("A".repeat(43))).isTrue();
        assertThat(ResumeToken.isWellFormed("A".repeat(42))).isFalse();
        assertThat(ResumeToken.isWellFormed("A".repeat(44))).isFalse();
        assertThat(ResumeToken.isWellFormed("A".repeat(42) + "=")).isFalse();
        assertThat(ResumeToken.isWellFormed("A".repeat(42) + "+")).isFalse();
        assertThat(ResumeToken.isWellFormed("")).isFalse();
    }
}
