package org.nodeim.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The geometry of the dashboard's bar chart of messages per minute over the last hour, drawn
 * by the page as SVG: one bar per minute, the current one last, scaled to the busiest minute.
 */
public record MessageChart(List<Bar> bars, long max, long total) {

    public static final int MINUTES = 60;
    public static final int WIDTH = 600;
    public static final int HEIGHT = 160;
    static final int BAR_STEP = WIDTH / MINUTES;
    static final long MINUTE = 60_000;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /** One minute's bar, in the chart's coordinates (origin top left). */
    public record Bar(int x, int y, int width, int height, long count, String label) {
    }

    /** The first minute the chart shows, for a chart drawn at {@code now} (ms since the epoch). */
    public static long since(long now) {
        return now / MINUTE * MINUTE - (MINUTES - 1) * MINUTE;
    }

    /**
     * @param perMinute message counts by minute (ms since the epoch, floored to the minute);
     *                  minutes outside the hour are ignored
     */
    public static MessageChart of(Map<Long, Long> perMinute, long now, ZoneId zone) {
        long first = since(now);
        long max = 0;
        long total = 0;
        long[] counts = new long[MINUTES];
        for (int i = 0; i < MINUTES; i++) {
            counts[i] = perMinute.getOrDefault(first + i * MINUTE, 0L);
            max = Math.max(max, counts[i]);
            total += counts[i];
        }
        var bars = new ArrayList<Bar>(MINUTES);
        for (int i = 0; i < MINUTES; i++) {
            int height = max == 0 ? 0 : (int) Math.round((double) counts[i] * HEIGHT / max);
            if (counts[i] > 0 && height == 0) {
                height = 1;
            }
            String minute = CLOCK.format(Instant.ofEpochMilli(first + i * MINUTE).atZone(zone));
            bars.add(new Bar(i * BAR_STEP + 1, HEIGHT - height, BAR_STEP - 2, height, counts[i],
                    minute + ": " + counts[i] + (counts[i] == 1 ? " message" : " messages")));
        }
        return new MessageChart(List.copyOf(bars), max, total);
    }
}
