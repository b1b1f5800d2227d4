package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What waits in memory, what the journal must write, and when a message counts as delivered. */
class DeliveryLedgerTest {

    static final long ANN = 1;
    static final long BOB = 2;

    /** Ends of written-down waits the ledger asked the journal for, run at once as if committed. */
    private final List<PendingDelivery.Key> rowsEnded = new ArrayList<>();
    private final DeliveryLedger ledger = new DeliveryLedger();

    @BeforeEach
    void journal() {
        ledger.journal = new MessageJournal() {
            @Override
            void delivered(PendingDelivery.Key key, Runnable committed) {
                rowsEnded.add(key);
                committed.run();
            }
        };
    }

    @Test
    void aStoredMessageWaitsInMemoryAndADeliveryThereWritesNothing() {
        Message message = stored(10, BOB, 0);
        assertThat(ledger.unrecordedFor(BOB)).containsExactly(message);
        assertThat(ledger.claim(message, List.of("c1"))).isTrue();
        ledger.delivered(message);
        assertThat(ledger.unrecordedFor(BOB)).isEmpty();
        assertThat(ledger.dueForRecording(Long.MAX_VALUE, 0)).isEmpty();
        assertThat(rowsEnded).isEmpty();
    }

    @Test
    void onlyMessagesWaitingLongEnoughOrBeyondTheBoundAreDueForRecording() {
        Message old = stored(10, BOB, 100);
        stored(11, BOB, 200);
        stored(12, ANN, 300);
        assertThat(ledger.dueForRecording(150, 10)).containsExactly(old);
        assertThat(ledger.dueForRecording(0, 1)).extracting(Message::id).containsExactly(10L, 11L);
    }

    @Test
    void aRecordedMessageLeavesMemoryOnlyOnceItsRowIsCommitted() {
        Message message = stored(10, BOB, 0);
        List<Message> due = ledger.dueForRecording(1, 0);
        assertThat(due).containsExactly(message);
        assertThat(ledger.unrecordedFor(BOB)).as("readable until committed").containsExactly(message);
        assertThat(ledger.oldestUnrecorded()).hasValue(10);
        ledger.recorded(due);
        assertThat(ledger.unrecordedFor(BOB)).isEmpty();
        assertThat(ledger.oldestUnrecorded()).isEmpty();
    }

    @Test
    void aDeliveryWhileTheRowIsBeingWrittenEndsThatRow() {
        Message message = stored(10, BOB, 0);
        ledger.dueForRecording(1, 0);
        ledger.claim(message, List.of("c1"));
        ledger.delivered(message);
        assertThat(rowsEnded).containsExactly(new PendingDelivery.Key(BOB, 10));
    }

    @Test
    void aFailedRecordingKeepsTheMessageInMemoryAndADeliveryThenWritesNothing() {
        Message message = stored(10, BOB, 0);
        List<Message> due = ledger.dueForRecording(1, 0);
        ledger.notRecorded(due);
        assertThat(ledger.unrecordedFor(BOB)).containsExactly(message);
        ledger.claim(message, List.of("c1"));
        ledger.delivered(message);
        assertThat(rowsEnded).isEmpty();
        assertThat(ledger.unrecordedFor(BOB)).isEmpty();
    }

    @Test
    void aMessageWaitingInTheDatabaseEndsItsRowWhenDelivered() {
        Message notification = message(20, BOB);
        ledger.claim(notification, List.of("c1"));
        ledger.delivered(notification);
        assertThat(rowsEnded).containsExactly(new PendingDelivery.Key(BOB, 20));
    }

    @Test
    void aDeliveryCountsOnceAndItsClaimOutlivesEveryReadThatBeganBefore() {
        Message message = stored(10, BOB, 0);
        assertThat(ledger.claim(message, List.of("c1"))).isTrue();
        assertThat(ledger.claim(message, List.of("c2"))).as("claimed by c1").isFalse();
        long read = ledger.beginRead();
        ledger.delivered(message);
        ledger.delivered(message);
        assertThat(ledger.claim(message, List.of("c3"))).as("a read that may have seen it waiting is running").isFalse();
        ledger.endRead(read);
        assertThat(ledger.claim(message, List.of("c3"))).as("claim gone once no earlier read runs").isTrue();
        assertThat(rowsEnded).isEmpty();
    }

    @Test
    void messagesInFlightOnlyToClosedConnectionsAreReleasedOldestFirstAndMayBeClaimedAgain() {
        Message later = stored(11, BOB, 0);
        Message earlier = stored(10, BOB, 0);
        Message received = stored(12, BOB, 0);
        ledger.claim(later, List.of("c1", "c2"));
        ledger.claim(earlier, List.of("c1"));
        ledger.claim(received, List.of("c1"));
        ledger.delivered(received);
        assertThat(ledger.release("c1")).as("c2 may still prove the later one").containsExactly(earlier);
        assertThat(ledger.release("c2")).containsExactly(later);
        assertThat(ledger.release("c2")).isEmpty();
        assertThat(ledger.claim(earlier, List.of("c3"))).as("waiting again").isTrue();
        assertThat(ledger.unrecordedFor(BOB)).containsExactlyInAnyOrder(earlier, later);
    }

    private Message stored(long id, long recipient, long storedAtNanos) {
        Message message = message(id, recipient);
        ledger.stored(List.of(message), storedAtNanos);
        return message;
    }

    private static Message message(long id, long recipient) {
        return StoredMessages.withId(Message.direct(recipient == ANN ? BOB : ANN, recipient, null, "m" + id, null), id);
    }
}
