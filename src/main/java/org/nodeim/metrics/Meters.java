package org.nodeim.metrics;

import java.util.function.ToLongFunction;

/**
 * Where the features write their figures. The server's MicroProfile Metrics registry stands
 * behind it where there is one ({@link MicroProfileMeters}, application scope, read at
 * {@code /metrics}); on a server without it, {@link #NONE} takes the figures and keeps nothing.
 */
public interface Meters {

    /** A counter, made on first use and the same one after. */
    Counter counter(Name name, Tag... tags);

    /** A histogram, made on first use and the same one after. */
    Histogram histogram(Name name);

    /** A gauge read from {@code source} whenever the figures are. */
    <T> void gauge(Name name, T source, ToLongFunction<T> reading, Tag... tags);

    /** A figure's name (dotted, as {@code nodeim.messages.stored}), what it counts, and its unit. */
    record Name(String name, String description, Unit unit) {

        public Name(String name, String description) {
            this(name, description, Unit.NONE);
        }
    }

    /** A dimension of a figure, as {@code command=signin}. */
    record Tag(String key, String value) {
    }

    /** What a figure counts in. */
    enum Unit {
        NONE, NANOSECONDS, BYTES
    }

    interface Counter {

        void inc(long amount);

        default void inc() {
            inc(1);
        }
    }

    interface Histogram {

        void update(long value);
    }

    /** Takes every figure and keeps none. */
    Meters NONE = new Meters() {

        @Override
        public Counter counter(Name name, Tag... tags) {
            return amount -> { };
        }

        @Override
        public Histogram histogram(Name name) {
            return value -> { };
        }

        @Override
        public <T> void gauge(Name name, T source, ToLongFunction<T> reading, Tag... tags) {
            // nothing reads it
        }
    };
}
