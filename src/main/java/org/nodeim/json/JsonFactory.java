package org.nodeim.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * Builders and readers of JSON values from one provider, looked up once: {@code Json.create*}
 * looks its provider up on every call, a class-path scan under class-loader locks.
 */
public final class JsonFactory {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonFactory() {
    }

    public static JsonObjectBuilder objectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder that starts with the members of {@code object}. */
    public static JsonObjectBuilder objectBuilder(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder arrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    /** A builder that starts with the elements of {@code array}. */
    public static JsonArrayBuilder arrayBuilder(JsonArray array) {
        return PROVIDER.createArrayBuilder(array);
    }

    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }

    /** A streaming parser of this text. */
    public static JsonParser parser(String json) {
        return PROVIDER.createParser(new StringReader(json));
    }

    /**
     * The JSON value of this text.
     *
     * @throws JsonException if it is not JSON
     */
    public static JsonValue read(String json) {
        try (var reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /** The JSON object of this text (text the application itself wrote). */
    public static JsonObject readObject(String json) {
        try (var reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
