package org.nodeim.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging arithmetic, once for every list. */
class PageTest {

    @Test
    void theLastPageIsTheCeilingOfTotalOverSizeAndZeroForNothing() {
        assertThat(Page.lastPage(0, 20)).isZero();
        assertThat(Page.lastPage(1, 20)).isEqualTo(1);
        assertThat(Page.lastPage(20, 20)).isEqualTo(1);
        assertThat(Page.lastPage(21, 20)).isEqualTo(2);
        assertThat(Page.lastPage(Long.MAX_VALUE / 2, 1)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aQuerySkipsThePagesBeforeWithoutEverOverflowing() {
        assertThat(Page.firstResult(1, 20)).isZero();
        assertThat(Page.firstResult(3, 20)).isEqualTo(40);
        assertThat(Page.firstResult(0, 20)).as("page numbers start at 1").isZero();
        assertThat(Page.firstResult(Integer.MAX_VALUE, 50)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void everyPageOfAnEmptyListAndPagesBeyondTheLastArePastTheEnd() {
        assertThat(Page.isPastTheEnd(1, 20, 0)).isTrue();
        assertThat(Page.isPastTheEnd(2, 20, 20)).isTrue();
        assertThat(Page.isPastTheEnd(2, 20, 21)).isFalse();
        Page<String> past = Page.pastTheEnd(5, 20, 21);
        assertThat(past.items()).isEmpty();
        assertThat(past.number()).isEqualTo(5);
        assertThat(past.lastPage()).isEqualTo(2);
    }

    @Test
    void aPageKeepsItsOwnCopyAndMapsItsItems() {
        var items = new ArrayList<>(List.of(1, 2, 3));
        var page = new Page<>(items, 2, 3, 7);
        items.clear();
        assertThat(page.items()).containsExactly(1, 2, 3);
        Page<String> mapped = page.map(n -> "#" + n);
        assertThat(mapped.items()).containsExactly("#1", "#2", "#3");
        assertThat(mapped.number()).isEqualTo(2);
        assertThat(mapped.lastPage()).isEqualTo(3);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new Page<>(List.of(), 0, 20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Page<>(List.of(), 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Page<>(List.of(), 1, 20, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
