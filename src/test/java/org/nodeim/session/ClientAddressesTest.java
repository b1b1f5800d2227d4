package org.nodeim.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final Set<String> BALANCER = Set.of("127.0.0.1", "10.0.0.2");

    @Test
    void aTrustedBalancerNamesItsClient() {
        assertThat(ClientAddresses.resolve("127.0.0.1", List.of("203.0.113.7"), BALANCER)).isEqualTo("203.0.113.7");
    }

    @Test
    void theClientIsTheLastAddressNoTrustedProxyAdded() {
        // what the client wrote itself comes first, and is not believed
        assertThat(ClientAddresses.resolve("127.0.0.1", List.of("198.51.100.1, 203.0.113.7, 10.0.0.2"), BALANCER))
                .isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.resolve("127.0.0.1", List.of("198.51.100.1", "203.0.113.7"), BALANCER))
                .isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.resolve("127.0.0.1", List.of("2001:db8::5"), BALANCER)).isEqualTo("2001:db8::5");
    }

    @Test
    void theHeaderIsIgnoredFromAnUntrustedPeerOrWithoutTrustedProxies() {
        assertThat(ClientAddresses.resolve("203.0.113.9", List.of("198.51.100.1"), BALANCER)).isEqualTo("203.0.113.9");
        assertThat(ClientAddresses.resolve("127.0.0.1", List.of("198.51.100.1"), Set.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void withoutAHeaderOrWithGarbageInItThePeerIsTheClient() {
        assertThat(ClientAddresses.resolve("127.0.0.1", List.of(), BALANCER)).isEqualTo("127.0.0.1");
        assertThat(ClientAddresses.resolve("127.0.0.1", List.of("unknown"), BALANCER)).isEqualTo("127.0.0.1");
        assertThat(ClientAddresses.resolve("127.0.0.1", List.of("10.0.0.2"), BALANCER)).isEqualTo("127.0.0.1");
        assertThat(ClientAddresses.resolve("127.0.0.1", null, BALANCER)).isEqualTo("127.0.0.1");
    }
}
