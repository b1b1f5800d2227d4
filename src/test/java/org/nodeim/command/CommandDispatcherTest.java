package org.nodeim.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.session.Connection;

/** The checks every command shares, in their order, and what a failing handler answers. */
class CommandDispatcherTest {

    private final CommandDispatcher dispatcher = new CommandDispatcher();
    private final List<String> handled = new ArrayList<>();

    private JsonObject dispatch(Connection caller, String name, JsonValue data) {
        return dispatcher.dispatch(caller, name, data).toCompletableFuture().join().toJson();
    }

    private static JsonObject object(String name, String value) {
        return Json.createObjectBuilder().add(name, value).build();
    }

    @Test
    void anUnknownCommandThenDataNotAnObjectThenNotSignedIn() {
        dispatcher.register("find", true, (caller, data) -> {
            handled.add("find");
            return Reply.ok();
        });
        var anonymous = new Caller(OptionalLong.empty());
        assertThat(dispatch(anonymous, "nope", JsonValue.TRUE).getInt("code")).as("unknown before the data").isEqualTo(400);
        assertThat(dispatch(anonymous, "find", JsonValue.TRUE).getInt("code")).as("the data before the caller").isEqualTo(400);
        assertThat(dispatch(anonymous, "find", JsonValue.NULL).getInt("code")).isEqualTo(400);
        JsonObject refused = dispatch(anonymous, "find", JsonValue.EMPTY_JSON_OBJECT);
        assertThat(refused.getInt("code")).isEqualTo(403);
        assertThat(refused.getString("message")).isEqualTo("not signed in");
        assertThat(handled).as("no handler ran").isEmpty();

        assertThat(dispatch(new Caller(OptionalLong.of(7)), "find", JsonValue.EMPTY_JSON_OBJECT).getInt("code")).isEqualTo(200);
        assertThat(handled).containsExactly("find");
    }

    @Test
    void aCommandForEveryoneRunsWithoutSigningIn() {
        dispatcher.register("signin", false, (caller, data) -> Reply.ok().with("echo", data.getString("x")));
        assertThat(dispatch(new Caller(OptionalLong.empty()), "signin", object("x", "y")).getString("echo")).isEqualTo("y");
    }

    @Test
    void aFailureAnswersItsCodeAndAnythingElseA500ThatTellsNothing() {
        dispatcher.register("refused", false, (caller, data) -> {
            throw new Refused(Reason.NOT_FOUND, "unknown user");
        });
        dispatcher.register("broken", false, (caller, data) -> {
            throw new IllegalStateException("secret table NODEIM_X is gone");
        });
        dispatcher.register("later", false, (caller, data) -> Reply.when(
                CompletableFuture.failedFuture(new IllegalStateException("secret"))));
        var caller = new Caller(OptionalLong.empty());
        JsonObject refused = dispatch(caller, "refused", JsonValue.EMPTY_JSON_OBJECT);
        assertThat(refused.getInt("code")).isEqualTo(404);
        assertThat(refused.getString("message")).isEqualTo("unknown user");
        dispatcher.register("message", true, (signedIn, data) -> Reply.when(
                CompletableFuture.failedFuture(new Refused(Reason.MISSING, "message required"))));
        JsonObject missing = dispatch(new Caller(OptionalLong.of(7)), "message", JsonValue.EMPTY_JSON_OBJECT);
        assertThat(missing.getInt("code")).as("a refusal that completes a deferred reply").isEqualTo(404);
        assertThat(missing.getString("message")).isEqualTo("message required");
        for (String name : List.of("broken", "later")) {
            JsonObject failed = dispatch(caller, name, JsonValue.EMPTY_JSON_OBJECT);
            assertThat(failed.getInt("code")).as(name).isEqualTo(500);
            assertThat(failed.toString()).as(name).doesNotContain("secret").doesNotContain("NODEIM");
        }
    }

    @Test
    void twoHandlersForOneCommandAreADeploymentError() {
        dispatcher.register("find", true, (caller, data) -> Reply.ok());
        assertThatThrownBy(() -> dispatcher.register("find", false, (caller, data) -> Reply.ok()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("find");
    }

    /** A connection that is signed in or not, and does nothing else. */
    private record Caller(OptionalLong userId) implements Connection {

        @Override
        public String id() {
            return "test";
        }

        @Override
        public boolean bindUser(long userId) {
            return false;
        }

        @Override
        public OptionalLong unbindUser() {
            return userId;
        }

        @Override
        public void emit(String event, JsonValue payload) {
        }

        @Override
        public void deliver(String event, String payloadJson, Runnable onWritten, Runnable onReceived) {
        }

        @Override
        public void disconnect(String reason) {
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public String transport() {
            return "test";
        }

        @Override
        public long outboundCapacity() {
            return Long.MAX_VALUE;
        }

        @Override
        public Instant openedAt() {
            return Instant.EPOCH;
        }
    }
}
