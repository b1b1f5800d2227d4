package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When an event sent to a client counts as received. */
class ReceiptsTest {

    static final long DELAY = 100;

    private final Receipts receipts = new Receipts();
    private final List<String> received = new ArrayList<>();

    private long add(String name) {
        return receipts.add(() -> received.add(name));
    }

    private void run(List<Runnable> callbacks) {
        callbacks.forEach(Runnable::run);
    }

    @Test
    void anAcknowledgementProvesItsEventAloneAndOnlyOnce() {
        long first = add("first");
        long second = add("second");
        receipts.acknowledged(second).run();
        assertThat(received).containsExactly("second");
        assertThat(receipts.acknowledged(second)).as("a repeated acknowledgement").isNull();
        assertThat(receipts.acknowledged(999)).as("an unknown id").isNull();
        assertThat(receipts.size()).isEqualTo(1);
        receipts.acknowledged(first).run();
        assertThat(received).containsExactly("second", "first");
    }

    @Test
    void aPongProvesOnlyWhatWasWrittenBeforeItsPing() {
        long before = add("before");
        long after = add("after");
        long unwritten = add("unwritten");
        assertThat(receipts.written(before, 0)).as("awaits proof").isNull();
        receipts.pingSent();
        receipts.written(after, 10);
        run(receipts.ponged());
        assertThat(received).containsExactly("before");

        receipts.pingSent();
        run(receipts.ponged());
        assertThat(received).containsExactly("before", "after");
        assertThat(receipts.size()).as("never written, never proven by a pong").isEqualTo(1);
        assertThat(receipts.awaitsProof()).isFalse();
        receipts.acknowledged(unwritten).run();
        assertThat(received).containsExactly("before", "after", "unwritten");
    }

    @Test
    void aPingIsDueOnlyForAnEventLeftUnacknowledgedForTheDelaySinceTheLastPing() {
        long acknowledged = add("acknowledged");
        receipts.written(acknowledged, 0);
        receipts.acknowledged(acknowledged).run();
        assertThat(receipts.dueForPing(1000, DELAY)).as("nothing awaits proof").isFalse();

        long waiting = add("waiting");
        receipts.written(waiting, 1000);
        assertThat(receipts.awaitsProof()).isTrue();
        assertThat(receipts.dueForPing(1000 + DELAY - 1, DELAY)).as("the client may still acknowledge").isFalse();
        assertThat(receipts.dueForPing(1000 + DELAY, DELAY)).isTrue();
        receipts.pingSent();
        assertThat(receipts.dueForPing(5000, DELAY)).as("the ping sent covers it").isFalse();
        assertThat(receipts.awaitsProof()).as("until its pong").isTrue();
    }

    @Test
    void aClientSayingGoodbyeHadWhatWasWrittenAndWhatWasOnTheWire() {
        receipts.written(add("written"), 0);
        long onTheWire = add("on the wire");
        run(receipts.settled());
        assertThat(received).containsExactly("written");
        receipts.ended();
        receipts.written(onTheWire, 1).run();
        assertThat(received).as("a write completing after the goodbye").containsExactly("written", "on the wire");

        receipts.rejoined();
        assertThat(receipts.written(add("after rejoining"), 2)).as("needs proof again").isNull();
        assertThat(receipts.awaitsProof()).isTrue();
    }

    @Test
    void aWriteOnTheWireAtTheGoodbyeCountsEvenIfTheClientCameBackBeforeItCompleted() {
        long onTheWire = add("on the wire");
        run(receipts.settled());
        receipts.rejoined();
        Runnable received = receipts.written(onTheWire, 1);
        assertThat(received).as("written after the client left and came back").isNotNull();
        received.run();
        assertThat(this.received).containsExactly("on the wire");
        receipts.ended();
        assertThat(receipts.awaitsProof()).isFalse();
    }

    @Test
    void aFailedSessionReportsNothing() {
        long written = add("written");
        receipts.written(written, 0);
        receipts.ended();
        receipts.pingSent();
        run(receipts.ponged());
        assertThat(receipts.acknowledged(written)).isNull();
        assertThat(received).isEmpty();
        assertThat(receipts.awaitsProof()).isFalse();
    }
}
