package org.nodeim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageChartTest {

    static final long NOW = 1_700_000_000_000L + 42_000;

    @Test
    void sixtyMinuteBarsTheCurrentOneLastScaledToTheBusiestMinute() {
        long current = NOW / 60_000 * 60_000;
        var chart = MessageChart.of(Map.of(current, 4L, current - 60_000, 2L, current - 3_600_000, 99L), NOW, ZoneOffset.UTC);
        assertThat(chart.bars()).hasSize(60);
        assertThat(chart.max()).isEqualTo(4);
        assertThat(chart.total()).as("the minute an hour ago is not shown").isEqualTo(6);
        var last = chart.bars().get(59);
        assertThat(last.count()).isEqualTo(4);
        assertThat(last.height()).isEqualTo(MessageChart.HEIGHT);
        assertThat(last.y()).isZero();
        assertThat(chart.bars().get(58).height()).isEqualTo(MessageChart.HEIGHT / 2);
        assertThat(chart.bars().get(0).height()).isZero();
        assertThat(chart.bars().get(0).y()).isEqualTo(MessageChart.HEIGHT);
        assertThat(last.x()).isLessThan(MessageChart.WIDTH);
        assertThat(last.label()).isEqualTo("22:14: 4 messages");
    }

    @Test
    void aQuietMinuteNextToABusyOneStillShows() {
        long current = NOW / 60_000 * 60_000;
        var chart = MessageChart.of(Map.of(current, 100_000L, current - 60_000, 1L), NOW, ZoneOffset.UTC);
        assertThat(chart.bars().get(58).height()).isEqualTo(1);
        assertThat(chart.bars().get(58).label()).endsWith("1 message");
    }

    @Test
    void anEmptyHourDrawsNoBars() {
        var chart = MessageChart.of(Map.of(), NOW, ZoneOffset.UTC);
        assertThat(chart.max()).isZero();
        assertThat(chart.bars()).allMatch(bar -> bar.height() == 0);
        assertThat(MessageChart.since(NOW)).isEqualTo(NOW / 60_000 * 60_000 - 59 * 60_000);
    }
}
