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
                StoredMessages.withId(Message.inRoom(3, 42, "hi <b>all</b> \"q\" \u2028 👋", null), 1),
                StoredMessages.withId(Message.inRoom(3, 42, "", "\"client clock\""), 2),
                StoredMessages.withId(Message.inRoom(3, 42, "t", "1700000000000"), 3),
                StoredMessages.withId(Message.direct(3, 9, MessageType.SYSTEM, "notice", null), 4))) {
            Message.EventText text = message.toEventText(FROM);
            for (long to : new long[] {1, 9, 1234567890123L}) {
                JsonObject built = message.toEvent(FROM, to);
                assertThat(text.forRecipient(to)).isEqualTo(built.toString());
                assertThat(JsonFactory.readObject(text.forRecipient(to))).isEqualTo(built);
                assertThat(built.getJsonNumber("id").longValue()).as("the id a client drops a repeat by").isEqualTo(message.id());
            }
        }
    }
}
