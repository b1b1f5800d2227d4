package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceTest {

    private final Instant created = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void usingADeviceMovesItsLastUseAndAddressOnly() {
        var device = new Device(7, "token-hash", created, "10.0.0.1");
        device.used(created.plusSeconds(60), "10.0.0.2");
        assertThat(device.createdAt()).isEqualTo(created);
        assertThat(device.lastUsedAt()).isEqualTo(created.plusSeconds(60));
        assertThat(device.lastAddress()).isEqualTo("10.0.0.2");
    }

    @Test
    void anOverlongAddressIsCutToTheColumn() {
        var device = new Device(7, "token-hash", created, "x".repeat(500));
        assertThat(device.lastAddress()).hasSize(64);
        device.used(created, null);
        assertThat(device.lastAddress()).as("no address known").isEmpty();
    }
}
