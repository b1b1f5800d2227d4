package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** The rules a user entity keeps by itself: what its document shows, when it has a question, what is searchable. */
class UserTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The user as the database gives it back: with its id, which JPA sets on the field. */
    private static User stored(User user, long id) throws ReflectiveOperationException {
        Field field = User.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(user, id);
        return user;
    }

    @Test
    void theDocumentHasTheIdTheUsernameAndTheProfileButNoSecret() throws ReflectiveOperationException {
        var user = stored(new User("ann", "password-hash", json("{\"city\":\"Lyon\",\"age\":30}"), "answer-hash"), 12);
        JsonObject document = user.document();
        assertThat(document.keySet()).containsExactlyInAnyOrder("id", "username", "city", "age");
        assertThat(document.getInt("id")).isEqualTo(12);
        assertThat(document.getString("username")).isEqualTo("ann");
        assertThat(document.toString()).doesNotContain("password-hash").doesNotContain("answer-hash");
    }

    @Test
    void theSecurityQuestionIsInTheUsersOwnDocumentOnly() throws ReflectiveOperationException {
        var user = stored(new User("ann", "password-hash", json("{\"city\":\"Lyon\",\"question\":\"pet?\"}"), "answer-hash"), 12);
        assertThat(user.document().keySet()).containsExactlyInAnyOrder("id", "username", "city");
        assertThat(user.ownDocument().keySet()).containsExactlyInAnyOrder("id", "username", "city", "question");
        assertThat(user.ownDocument().toString()).doesNotContain("answer-hash");
    }

    @Test
    void aQuestionCountsOnlyWithAnAnswerAndAsAString() {
        assertThat(new User("a", "h", json("{\"question\":\"pet?\"}"), "answer-hash").question()).hasValue("pet?");
        assertThat(new User("b", "h", json("{\"question\":\"pet?\"}"), null).question()).isEmpty();
        assertThat(new User("c", "h", json("{\"question\":7}"), "answer-hash").question()).isEmpty();
    }

    @Test
    void changingTheProfileReplacesItWhole() throws ReflectiveOperationException {
        var user = stored(new User("ann", "h", json("{\"city\":\"Lyon\"}"), null), 3);
        user.changeProfile(json("{\"mood\":\"fine\"}"));
        assertThat(user.profile()).isEqualTo(json("{\"mood\":\"fine\"}"));
        assertThat(user.document().containsKey("city")).isFalse();
    }

    @Test
    void scalarsAreSearchableAndObjectsArraysAndNullAreNot() {
        assertThat(UserField.keyOf(Json.createValue("Lyon"))).hasValue("\"Lyon\"");
        assertThat(UserField.keyOf(Json.createValue(30))).hasValue("30");
        assertThat(UserField.keyOf(JsonValue.TRUE)).hasValue("true");
        assertThat(UserField.keyOf(JsonValue.NULL)).isEmpty();
        assertThat(UserField.keyOf(json("{\"$ne\":null}"))).isEmpty();
        assertThat(UserField.keyOf(JsonValue.EMPTY_JSON_ARRAY)).isEmpty();
    }

    @Test
    void aDisabledUserCanBeEnabledAgain() {
        var user = new User("ann", "h", JsonValue.EMPTY_JSON_OBJECT, null);
        user.disable();
        assertThat(user.isDisabled()).isTrue();
        user.enable();
        assertThat(user.isDisabled()).isFalse();
    }
}
