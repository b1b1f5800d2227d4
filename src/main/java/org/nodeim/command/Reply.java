package org.nodeim.command;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletionStage;
import org.nodeim.json.JsonFactory;

/**
 * The answer to a command: a numeric {@code code} (200 on success), a {@code message} on
 * failures, and the fields the command returns. A command that waits for something (a group
 * commit) answers with a {@linkplain #when deferred} reply, which the dispatcher resolves.
 */
public final class Reply {

    public static final int OK = 200;

    private final int code;
    private final JsonObjectBuilder json;
    private final CompletionStage<Reply> deferred;
    private Runnable followUp = () -> { };

    private Reply(int code, String message) {
        this.code = code;
        json = JsonFactory.objectBuilder().add("code", code);
        if (message != null) {
            json.add("message", message);
        }
        deferred = null;
    }

    private Reply(CompletionStage<Reply> deferred) {
        code = 0;
        json = null;
        this.deferred = deferred;
    }

    /**
     * The reply that {@code outcome} will give: the command's thread goes on with the next
     * packet meanwhile. A {@link org.nodeim.refusal.Refused} that completes it becomes its error reply.
     */
    public static Reply when(CompletionStage<Reply> outcome) {
        return new Reply(outcome);
    }

    /** The answer's code; 0 for a deferred reply, which is not known yet. */
    public int code() {
        return code;
    }

    /** The deferred outcome, if this reply is not known yet. */
    CompletionStage<Reply> deferred() {
        return deferred;
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
