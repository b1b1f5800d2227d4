package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollingPayloadTest {

    @Test
    void textPacketsAreJoinedBySeparators() {
        byte[] body = PollingPayload.encode(List.of("4hello", "2", "4\u00e9t\u00e9"));
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("4hello\u001e2\u001e4\u00e9t\u00e9");
    }

    @Test
    void binaryFramesAreBase64WithAMark() {
        byte[] body = PollingPayload.encode(List.of("451-[\"a\",{\"_placeholder\":true,\"num\":0}]", new byte[] {1, 2, 3, 4}));
        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("451-[\"a\",{\"_placeholder\":true,\"num\":0}]\u001ebAQIDBA==");
    }

    @Test
    void decodingSplitsTextAndBinary() throws Exception {
        List<Object> frames = PollingPayload.decode("4hello\u001ebAQIDBA==\u001e3");
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isEqualTo("4hello");
        assertThat((byte[]) frames.get(1)).containsExactly(1, 2, 3, 4);
        assertThat(frames.get(2)).isEqualTo("3");
    }

    @Test
    void aSinglePacketHasNoSeparator() throws Exception {
        assertThat(PollingPayload.decode("40")).containsExactly("40");
    }

    @Test
    void emptyPacketsAndBadBase64AreRefused() {
        assertThatThrownBy(() -> PollingPayload.decode("")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PollingPayload.decode("40\u001e")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PollingPayload.decode("\u001e40")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PollingPayload.decode("b!!!")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void encodingThenDecodingGivesTheFramesBack() throws Exception {
        List<Object> frames = PollingPayload.decode(new String(
                PollingPayload.encode(List.of("42[\"x\"]", new byte[] {(byte) 0xff, 0})), StandardCharsets.UTF_8));
        assertThat(frames.get(0)).isEqualTo("42[\"x\"]");
        assertThat((byte[]) frames.get(1)).containsExactly((byte) 0xff, 0);
    }
}
