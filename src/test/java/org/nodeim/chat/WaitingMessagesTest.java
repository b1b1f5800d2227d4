package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How a signin's backlog is cut into chunks: by count, and by the room they take in the connection's queue. */
class WaitingMessagesTest {

    private static int end(int[] sizes, int from, long budget) {
        return WaitingMessages.chunkEnd(sizes.length, i -> sizes[i], from, budget);
    }

    @Test
    void smallEventsGoInChunksOfTwoHundred() {
        int[] sizes = new int[450];
        Arrays.fill(sizes, 100);
        assertThat(end(sizes, 0, Long.MAX_VALUE)).isEqualTo(WaitingMessages.CHUNK);
        assertThat(end(sizes, 400, Long.MAX_VALUE)).as("the rest").isEqualTo(450);
    }

    @Test
    void largeEventsGoInChunksThatFitTheBudget() {
        int[] sizes = new int[300];
        Arrays.fill(sizes, 8_200);
        long budget = 1_048_576 / 4;
        int end = end(sizes, 0, budget);
        assertThat(end).isEqualTo(31);
        assertThat((long) end * 8_200).isLessThanOrEqualTo(budget);
        assertThat(end(sizes, end, budget)).isEqualTo(62);
    }

    @Test
    void anEventLargerThanTheBudgetStillGoesAloneSoTheBacklogMovesOn() {
        int[] sizes = {10, 5_000, 10};
        assertThat(end(sizes, 0, 1_000)).isEqualTo(1);
        assertThat(end(sizes, 1, 1_000)).isEqualTo(2);
        assertThat(end(sizes, 2, 1_000)).isEqualTo(3);
        assertThat(end(sizes, 3, 1_000)).as("nothing left").isEqualTo(3);
    }
}
