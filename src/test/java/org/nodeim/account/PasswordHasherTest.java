package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

    @Test
    void hashIsSelfDescribingArgon2id() {
        assertThat(hasher.hash("secret")).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verifiesTheRightSecretOnly() {
        String hash = hasher.hash("correct horse");
        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("correct horsE", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void saltMakesEveryHashDifferent() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void unicodeSecrets() {
        String hash = hasher.hash("密码🔑");
        assertThat(hasher.verify("密码🔑", hash)).isTrue();
        assertThat(hasher.verify("密码", hash)).isFalse();
    }

    @Test
    void hashesOfAnotherCostStillVerify() {
        String weak = new PasswordHasher(64, 1, 1).hash("pw");
        assertThat(hasher.verify("pw", weak)).isTrue();
        assertThat(hasher.isOutdated(weak)).isTrue();
        assertThat(hasher.isOutdated(hasher.hash("pw"))).isFalse();
    }

    @Test
    void malformedHashesNeverVerify() {
        assertThat(hasher.verify("pw", null)).isFalse();
        assertThat(hasher.verify("pw", "")).isFalse();
        assertThat(hasher.verify("pw", "plain text")).isFalse();
        assertThat(hasher.verify("pw", "$argon2id$v=19$m=1024,t=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(hasher.verify("pw", "$argon2id$v=19$m=999999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(hasher.verify("pw", "$argon2id$v=19$m=1024,t=1,p=1$!!!$???")).isFalse();
    }

    @Test
    void refusesAnInvalidCost() {
        assertThatThrownBy(() -> new PasswordHasher(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher(1024, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
