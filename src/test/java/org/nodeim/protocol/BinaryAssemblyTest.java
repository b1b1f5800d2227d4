package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nodeim.protocol.BinaryAssembly.Outcome;

/** A binary packet is whole once its last attachment came; frames outside one are strays. */
class BinaryAssemblyTest {

    private final BinaryAssembly assembly = new BinaryAssembly();

    @Test
    void aPacketWithTwoAttachmentsIsHeldUntilTheSecond() throws ProtocolException {
        SocketPacket packet = SocketIoCodec.decode(
                "52-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(assembly.holds(packet)).isTrue();
        assertThat(assembly.attach(new byte[] {1})).isEqualTo(Outcome.AWAITING);
        assertThat(assembly.attach(new byte[] {2, 3})).isEqualTo(Outcome.COMPLETE);
        SocketPacket whole = assembly.take();
        assertThat(whole.buffers()).hasSize(2);
        assertThat(whole.buffers().get(1)).containsExactly(2, 3);
        assertThat(assembly.attach(new byte[] {4})).as("after the packet").isEqualTo(Outcome.STRAY);
    }

    @Test
    void aPlainPacketIsNotHeldAndAFrameWithoutAPacketIsAStray() throws ProtocolException {
        assertThat(assembly.holds(SocketIoCodec.decode("2[\"find\",{}]"))).isFalse();
        assertThat(assembly.attach(new byte[] {1})).isEqualTo(Outcome.STRAY);
    }
}
