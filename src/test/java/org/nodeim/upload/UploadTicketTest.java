package org.nodeim.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UploadTicketTest {

    private final Instant expiry = Instant.parse("2026-01-01T12:00:00Z");
    private final UploadTicket ticket = new UploadTicket("hash", 7, expiry);

    @Test
    void admitsItsUserUntilItExpires() {
        assertThat(ticket.admits(7, expiry.minusMillis(1))).isTrue();
        assertThat(ticket.admits(7, expiry)).isFalse();
        assertThat(ticket.admits(7, expiry.plusSeconds(60))).isFalse();
    }

    @Test
    void neverAdmitsAnotherUser() {
        assertThat(ticket.admits(8, expiry.minusSeconds(60))).isFalse();
    }
}
