package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnginePacketTest {

    @ParameterizedTest
    @CsvSource({"0,OPEN", "1,CLOSE", "2,PING", "3,PONG", "4,MESSAGE", "5,UPGRADE", "6,NOOP"})
    void everyTypeDecodes(String text, EnginePacket.Type type) throws Exception {
        assertThat(EnginePacket.decode(text).type()).isEqualTo(type);
    }

    @Test
    void dataFollowsTheType() throws Exception {
        var packet = EnginePacket.decode("42[\"a\"]");
        assertThat(packet.type()).isEqualTo(EnginePacket.Type.MESSAGE);
        assertThat(packet.data()).isEqualTo("2[\"a\"]");
    }

    @Test
    void probeKeepsItsData() throws Exception {
        assertThat(EnginePacket.decode("2probe").data()).isEqualTo("probe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "9abc", "a", " 4", "-1"})
    void unknownTypesAreRefused(String text) {
        assertThatThrownBy(() -> EnginePacket.decode(text)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void encodes() {
        assertThat(EnginePacket.PING.encode()).isEqualTo("2");
        assertThat(EnginePacket.message("0").encode()).isEqualTo("40");
        assertThat(new EnginePacket(EnginePacket.Type.OPEN, "{}").encode()).isEqualTo("0{}");
    }
}
