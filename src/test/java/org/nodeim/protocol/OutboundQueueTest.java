package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nodeim.protocol.EngineSession.Frame;

/** A session's outgoing frames: in order, and bounded in number and in size. */
class OutboundQueueTest {

    private static Frame text(String text) {
        return new Frame(text, null);
    }

    @Test
    void framesComeOutInOrder() {
        var queue = new OutboundQueue(10, 1000);
        assertThat(queue.isEmpty()).isTrue();
        queue.offer(text("a"));
        queue.offer(new Frame(new byte[] {1, 2}, null));
        queue.offer(text("c"));
        assertThat(queue.poll().data()).isEqualTo("a");
        assertThat(queue.poll().data()).isEqualTo(new byte[] {1, 2});
        assertThat(queue.poll().data()).isEqualTo("c");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aFrameBeyondTheNumberBoundIsRefusedAndRoomComesBackAsFramesLeave() {
        var queue = new OutboundQueue(2, 1000);
        assertThat(queue.offer(text("1"))).isTrue();
        assertThat(queue.offer(text("2"))).isTrue();
        assertThat(queue.offer(text("3"))).isFalse();
        queue.poll();
        assertThat(queue.offer(text("3"))).isTrue();
        assertThat(queue.poll().data()).isEqualTo("2");
        assertThat(queue.poll().data()).as("the refused frame was not added").isEqualTo("3");
    }

    @Test
    void aFrameBeyondTheSizeBoundIsRefusedWhateverTheNumber() {
        var queue = new OutboundQueue(100, 10);
        assertThat(queue.offer(text("x".repeat(6)))).isTrue();
        assertThat(queue.offer(new Frame(new byte[5], null))).isFalse();
        assertThat(queue.offer(text("x".repeat(4)))).as("a refused frame takes no room").isTrue();
        queue.clear();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.offer(text("x".repeat(10)))).as("all the room back").isTrue();
    }
}
