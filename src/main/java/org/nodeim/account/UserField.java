package org.nodeim.account;

import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import java.util.Optional;

/**
 * One searchable field of a user's profile: its name and the start of its JSON value, kept
 * in an indexed table so that {@code find} on a profile field stays an index look-up.
 * Only scalar values (strings, numbers, booleans) are searchable.
 */
@Embeddable
public class UserField {

    /** Values are indexed by their first characters; longer ones are compared in full afterwards. */
    static final int KEY_LENGTH = 200;

    @Column(name = "NAME", nullable = false, length = Profiles.MAX_FIELD_NAME_LENGTH * 2)
    private String name;

    @Column(name = "VALUE_KEY", nullable = false, length = KEY_LENGTH)
    private String valueKey;

    protected UserField() {
    }

    UserField(String name, String valueKey) {
        this.name = Objects.requireNonNull(name, "name");
        this.valueKey = Objects.requireNonNull(valueKey, "valueKey");
    }

    /** The index key of a value, if the value is searchable. */
    static Optional<String> keyOf(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING, NUMBER, TRUE, FALSE -> {
                String json = value.toString();
                yield Optional.of(json.length() > KEY_LENGTH ? json.substring(0, KEY_LENGTH) : json);
            }
            default -> Optional.empty();
        };
    }

    public String name() {
        return name;
    }

    public String valueKey() {
        return valueKey;
    }
}
