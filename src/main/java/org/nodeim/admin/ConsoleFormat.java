package org.nodeim.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import org.nodeim.upload.Sizes;

/** Formats for the pages: {@code #{format.time(instant)}}, {@code #{format.size(bytes)}}. */
@Named("format")
@ApplicationScoped
public class ConsoleFormat {

    public String time(Instant instant) {
        return ConsoleViews.time(instant);
    }

    public String size(long bytes) {
        return Sizes.describe(bytes);
    }
}
