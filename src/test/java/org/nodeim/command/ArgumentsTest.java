package org.nodeim.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

class ArgumentsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static Reason refusal(Runnable read) {
        try {
            read.run();
        } catch (Refused refused) {
            return refused.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void requiredTextIsMissingWhenAbsentNullOrEmptyAndInvalidWhenNotAString() {
        assertThat(Arguments.requiredText(json("{\"name\":\"ann\"}"), "name")).isEqualTo("ann");
        assertThat(refusal(() -> Arguments.requiredText(json("{}"), "name"))).isEqualTo(Reason.MISSING);
        assertThat(refusal(() -> Arguments.requiredText(json("{\"name\":null}"), "name"))).isEqualTo(Reason.MISSING);
        assertThat(refusal(() -> Arguments.requiredText(json("{\"name\":\"\"}"), "name"))).isEqualTo(Reason.MISSING);
        assertThat(refusal(() -> Arguments.requiredText(json("{\"name\":7}"), "name"))).isEqualTo(Reason.INVALID);
    }

    @Test
    void optionalTextMayBeLeftOutButIsAStringWhenGiven() {
        assertThat(Arguments.optionalText(json("{}"), "intro")).isEmpty();
        assertThat(Arguments.optionalText(json("{\"intro\":null}"), "intro")).isEmpty();
        assertThat(Arguments.optionalText(json("{\"intro\":\"\"}"), "intro")).hasValue("");
        assertThatThrownBy(() -> Arguments.optionalText(json("{\"intro\":{}}"), "intro"))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.INVALID));
    }

    @Test
    void idsArePositiveIntegersOrStringsOfDigits() {
        assertThat(Arguments.id(json("{\"id\":12}"), "id")).hasValue(12);
        assertThat(Arguments.id(json("{\"id\":\"12\"}"), "id")).hasValue(12);
        assertThat(Arguments.id(json("{\"id\":0}"), "id")).isEmpty();
        assertThat(Arguments.id(json("{\"id\":1.5}"), "id")).isEmpty();
        assertThat(Arguments.id(json("{\"id\":\"1e3\"}"), "id")).isEmpty();
        assertThat(Arguments.id(json("{\"id\":99999999999999999999}"), "id")).isEmpty();
    }

    @Test
    void flagsAreYesOnlyForTrueAndOne() {
        assertThat(Arguments.flag(json("{\"f\":true}"), "f")).isTrue();
        assertThat(Arguments.flag(json("{\"f\":\"1\"}"), "f")).isTrue();
        assertThat(Arguments.flag(json("{\"f\":\"yes\"}"), "f")).isFalse();
        assertThat(Arguments.flag(json("{}"), "f")).isFalse();
    }
}
