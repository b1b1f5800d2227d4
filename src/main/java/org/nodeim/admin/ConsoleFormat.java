package org.nodeim.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;

/** Formats for the pages: {@code #{format.time(instant)}}. */
@Named("format")
@ApplicationScoped
public class ConsoleFormat {

    public String time(Instant instant) {
        return Pages.time(instant);
    }
}
