package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodeim.json.JsonFactory;

/** A room message's event, encoded once for all members, reads as the event built for each. */
class MessageEventTest {

    static final JsonObject FROM = JsonFactory.readObject(
            "{\"id\":3,\"username\":\"ann\",\"nick\":\"A \\\"quoted\\\" 你好\",\"to\":0,\"tags\":[1,{\"x\":null}]}");

    @Test
    void theTextForEachRecipientIsTheEventBuiltForThem() {
        for (Message message : List.of(
                Message.inRoom(3, 42, "hi <b>all</b> \"q\" \u2028 👋", null),
                Message.inRoom(3, 42, "", "\"client clock\""),
                Message.inRoom(3, 42, "t", "1700000000000"),
                Message.direct(3, 9, MessageType.SYSTEM, "notice", null))) {
            Message.EventText text = message.toEventText(FROM);
            for (long to : new long[] {1, 9, 1234567890123L}) {
                JsonObject built = message.toEvent(FROM, to);
                assertThat(text.forRecipient(to)).isEqualTo(built.toString());
                assertThat(JsonFactory.readObject(text.forRecipient(to))).isEqualTo(built);
            }
        }
    }
}
