package org.nodeim.command;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** Reads command arguments from the client's JSON without trusting their types. */
public final class Arguments {

    private static final Set<String> TRUE_TEXTS = Set.of("1", "true");

    private Arguments() {
    }

    /** Whether the field is there and not {@code null}. */
    public static boolean has(JsonObject data, String name) {
        JsonValue value = data.get(name);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    /** The field if it is a JSON string. */
    public static Optional<String> text(JsonObject data, String name) {
        return data.get(name) instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
    }

    /**
     * A field that must be a non-empty string.
     *
     * @throws Refused missing when absent, {@code null} or empty; invalid when not a string
     */
    public static String requiredText(JsonObject data, String name) {
        if (!has(data, name)) {
            throw new Refused(Reason.MISSING, name + " required");
        }
        String value = text(data, name).orElseThrow(() -> new Refused(Reason.INVALID, name + " must be a string"));
        if (value.isEmpty()) {
            throw new Refused(Reason.MISSING, name + " required");
        }
        return value;
    }

    /**
     * A field that may be left out (or {@code null}), and is a string when given.
     *
     * @throws Refused invalid when given but not a string
     */
    public static Optional<String> optionalText(JsonObject data, String name) {
        if (!has(data, name)) {
            return Optional.empty();
        }
        return Optional.of(text(data, name).orElseThrow(() -> new Refused(Reason.INVALID, name + " must be a string")));
    }

    /** A yes/no field: true for {@code true}, {@code 1}, {@code "true"} and {@code "1"}; anything else, or nothing, is no. */
    public static boolean flag(JsonObject data, String name) {
        JsonValue value = data.get(name);
        if (value == null) {
            return false;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case NUMBER -> value.toString().equals("1");
            case STRING -> TRUE_TEXTS.contains(((JsonString) value).getString());
            default -> false;
        };
    }

    /** The field as an id: a positive integer, or a string of digits. */
    public static OptionalLong id(JsonObject data, String name) {
        return id(data.get(name));
    }

    public static OptionalLong id(JsonValue value) {
        if (value instanceof JsonNumber number) {
            BigDecimal decimal = number.bigDecimalValue();
            if (decimal.precision() - decimal.scale() > 19) {
                return OptionalLong.empty();
            }
            try {
                long id = decimal.longValueExact();
                return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
            } catch (ArithmeticException e) {
                return OptionalLong.empty();
            }
        }
        if (value instanceof JsonString string) {
            String text = string.getString();
            if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalLong.empty();
            }
            try {
                long id = Long.parseLong(text);
                return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
