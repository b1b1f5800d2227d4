package org.nodeim.database;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a longer list: its items, its number (from 1), the page size, and how many
 * items the whole list holds. What the queries skip and the number of the last page are
 * computed here, once for every list that pages.
 */
public record Page<T>(List<T> items, int number, int size, long total) {

    public Page {
        if (number < 1 || size < 1 || total < 0) {
            throw new IllegalArgumentException("page " + number + " of size " + size + " with " + total + " in all");
        }
        items = List.copyOf(items);
    }

    /** An empty page: the number asked for lies past the end of the list. */
    public static <T> Page<T> pastTheEnd(int number, int size, long total) {
        return new Page<>(List.of(), number, size, total);
    }

    /** How many items a query skips to reach page {@code number} (from 1), bounded so as never to overflow. */
    public static int firstResult(int number, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) (Math.max(1, number) - 1) * size);
    }

    /** The number of the last page of a list of {@code total} items: ⌈total / size⌉, 0 when it is empty. */
    public static int lastPage(long total, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size);
    }

    /** Whether page {@code number} lies past the end of a list of {@code total} items (every page does when it is empty). */
    public static boolean isPastTheEnd(int number, int size, long total) {
        return number > lastPage(total, size);
    }

    public int lastPage() {
        return lastPage(total, size);
    }

    /** The same page with every item mapped. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), number, size, total);
    }
}
