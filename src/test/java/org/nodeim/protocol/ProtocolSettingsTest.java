package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtocolSettingsTest {

    @Test
    void sessionIdsEndWithTheNodeRouteWhenOneIsSet() {
        assertThat(withRoute(Optional.of("n2")).sessionIdSuffix()).isEqualTo(".n2");
        assertThat(withRoute(Optional.of(" node_3 ")).sessionIdSuffix()).isEqualTo(".node_3");
    }

    @Test
    void sessionIdsHaveNoSuffixWithoutARoute() {
        assertThat(withRoute(Optional.empty()).sessionIdSuffix()).isEmpty();
        assertThat(withRoute(Optional.of("  ")).sessionIdSuffix()).isEmpty();
    }

    @Test
    void aRouteThatCouldBreakAQueryStringIsRefused() {
        for (String route : new String[] {"n1&x=1", "a.b", "n/1", "x".repeat(33)}) {
            assertThatThrownBy(() -> withRoute(Optional.of(route)).sessionIdSuffix())
                    .as(route).isInstanceOf(IllegalStateException.class).hasMessageContaining("nodeim.node.route");
        }
    }

    private static ProtocolSettings withRoute(Optional<String> route) {
        var settings = new ProtocolSettings();
        settings.route = route;
        return settings;
    }
}
