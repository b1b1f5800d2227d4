package org.nodeim.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nodeim.refusal.Reason;

class ErrorCodesTest {

    @Test
    void eachReasonAnswersTheCodeTheProtocolFixes() {
        assertThat(ErrorCodes.code("find", Reason.INVALID)).isEqualTo(400);
        assertThat(ErrorCodes.code("find", Reason.NOT_SIGNED_IN)).isEqualTo(403);
        assertThat(ErrorCodes.code("signin", Reason.ALREADY_SIGNED_IN)).isEqualTo(402);
        assertThat(ErrorCodes.code("subscribe", Reason.FORBIDDEN)).isEqualTo(403);
        assertThat(ErrorCodes.code("signin", Reason.NOT_FOUND)).isEqualTo(404);
        assertThat(ErrorCodes.code("signup", Reason.TAKEN)).isEqualTo(405);
        assertThat(ErrorCodes.code("retrieve", Reason.NO_QUESTION)).isEqualTo(405);
        assertThat(ErrorCodes.code("retrieve", Reason.WRONG_ANSWER)).isEqualTo(406);
        assertThat(ErrorCodes.code("subscribe", Reason.REPEATED)).isEqualTo(306);
        assertThat(ErrorCodes.code("signin", Reason.CLOSED)).isEqualTo(410);
        assertThat(ErrorCodes.code("signin", Reason.TOO_MANY)).isEqualTo(429);
        assertThat(ErrorCodes.code("message", Reason.BUSY)).isEqualTo(503);
    }

    @Test
    void aMissingArgumentAnswers404ForTheCommandsOfTheOriginalServerThatDidSoAnd403Elsewhere() {
        for (String command : new String[] {"message", "room.create", "room.message", "profile", "retrieve"}) {
            assertThat(ErrorCodes.code(command, Reason.MISSING)).as(command).isEqualTo(404);
        }
        for (String command : new String[] {"signup", "signin", "subscribe", "reply", "unsubscribe", "group",
                "presence"}) {
            assertThat(ErrorCodes.code(command, Reason.MISSING)).as(command).isEqualTo(403);
        }
    }
}
