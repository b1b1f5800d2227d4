package org.nodeim.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Upload settings, from MicroProfile Config. */
@ApplicationScoped
public class UploadSettings {

    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://(\\*\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    @Inject
    @ConfigProperty(name = "nodeim.upload.directory", defaultValue = "./data/uploads")
    String directory;

    @Inject
    @ConfigProperty(name = "nodeim.upload.max-file-size", defaultValue = "20971520")
    long maxFileSize;

    @Inject
    @ConfigProperty(name = "nodeim.upload.quota", defaultValue = "1073741824")
    long quota;

    @Inject
    @ConfigProperty(name = "nodeim.upload.max-files-per-request", defaultValue = "10")
    int maxFilesPerRequest;

    @Inject
    @ConfigProperty(name = "nodeim.upload.ticket-seconds", defaultValue = "600")
    long ticketSeconds;

    @Inject
    @ConfigProperty(name = "nodeim.upload.frame-ancestors")
    Optional<String> frameAncestors;

    /** Where the files are kept; a relative path resolves against the server's working directory. */
    public Path directory() {
        return Path.of(directory).toAbsolutePath().normalize();
    }

    /** The largest file accepted, in bytes. */
    public long maxFileSize() {
        return maxFileSize;
    }

    /** The most files one post of the upload form may carry. */
    public int maxFilesPerRequest() {
        return Math.max(1, maxFilesPerRequest);
    }

    /** The most bytes one user may keep stored. */
    public long quota() {
        return quota;
    }

    /** How long a ticket of the upload form stays valid. */
    public Duration ticketValidity() {
        return Duration.ofSeconds(ticketSeconds);
    }

    /**
     * Origins besides this server's own that may frame the upload form ({@code https://host},
     * {@code https://*.host:port}, ...); anything else in the setting is ignored.
     */
    public List<String> frameAncestors() {
        return frameAncestors.map(value -> Arrays.stream(value.split("[\\s,]+")).filter(ORIGIN.asMatchPredicate()).toList())
                .orElse(List.of());
    }
}
