package org.nodeim.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.nodeim.protocol.SocketIoCodec;

class ConformanceEchoTest {

    @Test
    void authCarriesTheHandshakeObjectInItsNamespace() {
        var token = Json.createObjectBuilder().add("token", "123").build();
        assertThat(SocketIoCodec.encode(ConformanceEcho.auth("/", token))).isEqualTo("2[\"auth\",{\"token\":\"123\"}]");
        assertThat(SocketIoCodec.encode(ConformanceEcho.auth("/custom", null))).isEqualTo("2/custom,[\"auth\",{}]");
    }

    @Test
    void messageIsEchoedAsMessageBack() throws Exception {
        var answer = ConformanceEcho.answer(SocketIoCodec.decode("2[\"message\",1,\"2\",{\"3\":[true]}]"));
        assertThat(answer).map(SocketIoCodec::encode).hasValue("2[\"message-back\",1,\"2\",{\"3\":[true]}]");
    }

    @Test
    void messageWithAckIsAcknowledgedWithItsArguments() throws Exception {
        var answer = ConformanceEcho.answer(SocketIoCodec.decode("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"));
        assertThat(answer).map(SocketIoCodec::encode).hasValue("3456[1,\"2\",{\"3\":[false]}]");
    }

    @Test
    void binaryAttachmentsComeBackWithTheAnswer() throws Exception {
        var event = SocketIoCodec.decode("52-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]")
                .withBuffer(new byte[] {1, 2, 3})
                .withBuffer(new byte[] {4, 5, 6});
        var answer = ConformanceEcho.answer(event).orElseThrow();
        assertThat(SocketIoCodec.encode(answer))
                .isEqualTo("62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(answer.buffers()).containsExactly(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});

        var back = ConformanceEcho.answer(SocketIoCodec.decode("51-[\"message\",{\"_placeholder\":true,\"num\":0}]")
                .withBuffer(new byte[] {9})).orElseThrow();
        assertThat(SocketIoCodec.encode(back)).isEqualTo("51-[\"message-back\",{\"_placeholder\":true,\"num\":0}]");
    }

    @Test
    void otherEventsAreNotAnswered() throws Exception {
        assertThat(ConformanceEcho.answer(SocketIoCodec.decode("2[\"signin\",{}]"))).isEmpty();
        assertThat(ConformanceEcho.answer(SocketIoCodec.decode("2[\"message-with-ack\",1]"))).isEmpty();
    }
}
