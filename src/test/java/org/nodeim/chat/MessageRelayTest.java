package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.nodeim.json.JsonFactory;

class MessageRelayTest {

    private static final JsonObject SENDER = JsonFactory.objectBuilder().add("id", 7).add("username", "ann").build();

    @Test
    void aRelayedMessageMakesTheSameEventOnTheOtherNode() {
        Message stored = Message.fromRelay(JsonFactory.objectBuilder()
                .add("id", 4000).add("time", 1_700_000_000_000L).add("message", "<b>hi</b>")
                .add("type", "agree").add("clientTime", JsonFactory.objectBuilder().add("at", 5))
                .add("sender", 7).add("recipient", 9).build());

        Message relayed = Message.fromRelay(stored.toRelay());

        JsonObject event = relayed.toEvent(SENDER, 9);
        assertThat(event).isEqualTo(stored.toEvent(SENDER, 9));
        assertThat(event.getJsonNumber("id").longValue()).isEqualTo(4000);
        assertThat(event.getString("type")).isEqualTo("agree");
        assertThat(event.getJsonObject("clientTime").getInt("at")).isEqualTo(5);
        assertThat(relayed.senderId()).isEqualTo(7);
        assertThat(relayed.recipientId()).contains(9L);
    }

    @Test
    void aPlainMessageHasNoTypeOrClientTime() {
        Message stored = Message.fromRelay(JsonFactory.objectBuilder()
                .add("id", 5000).add("time", 1L).add("message", "plain").add("sender", 1).add("recipient", 2).build());

        JsonObject event = Message.fromRelay(stored.toRelay()).toEvent(SENDER, 2);

        assertThat(event.containsKey("type")).isFalse();
        assertThat(event.containsKey("clientTime")).isFalse();
        assertThat(event.getString("message")).isEqualTo("plain");
    }
}
