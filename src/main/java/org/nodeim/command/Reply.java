package org.nodeim.command;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The answer to a command: a numeric {@code code} (200 on success), a {@code message} on
 * failures, and the fields the command returns.
 */
public final class Reply {

    public static final int OK = 200;

    private final JsonObjectBuilder json;
    private Runnable followUp = () -> { };

    private Reply(int code, String message) {
        json = Json.createObjectBuilder().add("code", code);
        if (message != null) {
            json.add("message", message);
        }
    }

    public static Reply ok() {
        return new Reply(OK, null);
    }

    public static Reply error(int code, String message) {
        return new Reply(code, message);
    }

    /** The answer to an event that carried binary attachments. */
    public static Reply binaryRefused() {
        return error(400, "binary attachments are not supported");
    }

    public Reply with(String name, JsonValue value) {
        json.add(name, value);
        return this;
    }

    public Reply with(String name, String value) {
        json.add(name, value);
        return this;
    }

    public Reply with(String name, long value) {
        json.add(name, value);
        return this;
    }

    /** Work to do once the reply is on its way to the client (events that must follow it). */
    public Reply andThen(Runnable work) {
        Runnable before = followUp;
        followUp = () -> {
            before.run();
            work.run();
        };
        return this;
    }

    /** Runs the follow-up work; called right after the reply has been queued for the client. */
    public void followUp() {
        followUp.run();
    }

    public JsonObject toJson() {
        return json.build();
    }
}
