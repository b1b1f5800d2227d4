package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When an event sent to a client counts as received. */
class ReceiptsTest {

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
        receipts.written(before);
        assertThat(receipts.awaitPing()).isTrue();
        receipts.pingSent();
        assertThat(receipts.awaitPing()).isFalse();
        receipts.written(after);
        run(receipts.ponged());
        assertThat(received).containsExactly("before");
        assertThat(receipts.awaitPing()).as("'after' awaits the next ping").isTrue();

        receipts.pingSent();
        run(receipts.ponged());
        assertThat(received).containsExactly("before", "after");
        assertThat(receipts.size()).as("never written, never proven by a pong").isEqualTo(1);
        receipts.acknowledged(unwritten).run();
        assertThat(received).containsExactly("before", "after", "unwritten");
    }

    @Test
    void noPingIsNeededForWhatWasAcknowledged() {
        long acknowledged = add("acknowledged");
        receipts.written(acknowledged);
        receipts.acknowledged(acknowledged).run();
        assertThat(receipts.awaitPing()).isFalse();
    }

    @Test
    void aClientLeavingOnItsOwnHadWhatWasWrittenAndWhatWasOnTheWire() {
        receipts.written(add("written"));
        long onTheWire = add("on the wire");
        run(receipts.settled());
        assertThat(received).containsExactly("written");
        receipts.ended();
        receipts.written(onTheWire).run();
        assertThat(received).as("a write completing after the end").containsExactly("written", "on the wire");

        receipts.rejoined();
        long afterRejoining = add("after rejoining");
        assertThat(receipts.written(afterRejoining)).as("needs proof again").isNull();
        assertThat(receipts.size()).isEqualTo(1);
    }

    @Test
    void aFailedSessionReportsNothing() {
        long written = add("written");
        receipts.written(written);
        receipts.ended();
        receipts.pingSent();
        run(receipts.ponged());
        assertThat(receipts.acknowledged(written)).isNull();
        assertThat(received).isEmpty();
        assertThat(receipts.awaitPing()).isFalse();
    }
}
