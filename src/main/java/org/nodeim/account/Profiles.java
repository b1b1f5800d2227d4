package org.nodeim.account;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** What a profile (the extra fields of a user document) may hold, and how it changes. */
public final class Profiles {

    public static final int MAX_FIELD_NAME_LENGTH = 64;
    public static final int MAX_FIELDS = 100;

    private Profiles() {
    }

    /** The fields given at signup, less the reserved ones; 400 if they break a limit. */
    public static JsonObject fromSignup(String username, JsonObject fields) {
        JsonObjectBuilder profile = JsonFactory.objectBuilder();
        fields.forEach((name, value) -> {
            if (!User.RESERVED_FIELDS.contains(name)) {
                profile.add(name, value);
            }
        });
        return checked(username, profile.build());
    }

    /**
     * The profile with {@code changes} merged in: a field set to {@code null} is removed,
     * reserved fields ({@code id}, {@code username}, {@code password}, {@code answer}) are
     * ignored.
     */
    public static JsonObject merge(String username, JsonObject profile, JsonObject changes) {
        JsonObjectBuilder merged = JsonFactory.objectBuilder(profile);
        changes.forEach((name, value) -> {
            if (User.RESERVED_FIELDS.contains(name)) {
                return;
            }
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                merged.remove(name);
            } else {
                merged.add(name, value);
            }
        });
        return checked(username, merged.build());
    }

    private static JsonObject checked(String username, JsonObject profile) {
        if (profile.size() > MAX_FIELDS) {
            throw new Refused(Reason.INVALID, "more than " + MAX_FIELDS + " fields");
        }
        for (String name : profile.keySet()) {
            if (name.isEmpty() || name.length() > MAX_FIELD_NAME_LENGTH
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw new Refused(Reason.INVALID, "field names must have 1 to " + MAX_FIELD_NAME_LENGTH
                        + " characters and no control characters");
            }
        }
        int bytes = profile.toString().getBytes(StandardCharsets.UTF_8).length
                + username.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > User.MAX_DOCUMENT_BYTES) {
            throw new Refused(Reason.INVALID, "user document larger than " + User.MAX_DOCUMENT_BYTES + " bytes");
        }
        return profile;
    }
}
