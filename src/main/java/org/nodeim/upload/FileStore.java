package org.nodeim.upload;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bytes of stored files, under the configured directory: each file at
 * {@code <first two characters of its id>/<id>}, received first into {@code .incoming/} and
 * moved into place only once complete. Nothing here takes a name from a client.
 */
@ApplicationScoped
public class FileStore {

    private static final Logger LOG = Logger.getLogger(FileStore.class.getName());

    /** Files left in {@code .incoming/} longer than this (by a crash) are removed at startup. */
    private static final Duration STALE = Duration.ofHours(1);

    @Inject
    UploadSettings settings;

    private Path root;
    private Path incoming;

    /** A file being received: its temporary copy, removed on close unless kept. */
    public static final class Incoming implements AutoCloseable {

        private final Path temporary;
        private final long size;
        private final String sha256;

        private Incoming(Path temporary, long size, String sha256) {
            this.temporary = temporary;
            this.size = size;
            this.sha256 = sha256;
        }

        public long size() {
            return size;
        }

        public String sha256() {
            return sha256;
        }

        @Override
        public void close() {
            deleteQuietly(temporary);
        }
    }

    @PostConstruct
    void createDirectories() {
        root = settings.directory();
        incoming = root.resolve(".incoming");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + incoming, e);
        }
        removeStale();
    }

    /** Where uploads are received, the container's multipart parser included. */
    public Path incomingDirectory() {
        return incoming;
    }

    /**
     * Takes a file the container's multipart parser received (already within the size limit)
     * beside the others in {@code .incoming/}, where the parser wrote it: moved, not copied,
     * then counted and hashed.
     *
     * @throws IOException when moving or reading it fails; nothing is left
     */
    public Incoming receive(Part part) throws IOException {
        Path temporary = incoming.resolve("upload-" + Tokens.newFileId() + ".part");
        try {
            part.write(temporary.getFileName().toString()); // a name relative to the parser's location, .incoming/
            MessageDigest digest = Tokens.sha256();
            long size = 0;
            try (InputStream in = Files.newInputStream(temporary)) {
                var buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    size += n;
                    digest.update(buffer, 0, n);
                }
            }
            return new Incoming(temporary, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /** The refusal of a file over the size limit. */
    static UploadRefused tooLarge(long maxBytes) {
        return new UploadRefused(413, "This file is too large: files of at most " + Sizes.describe(maxBytes) + " are accepted.");
    }

    /** Moves a received file into place under the id. */
    public void keep(Incoming file, String id) throws IOException {
        Path target = pathOf(id);
        Files.createDirectories(target.getParent());
        Files.move(file.temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Where the bytes of a stored file are. */
    public Path pathOf(String id) {
        if (!Tokens.isFileId(id)) {
            throw new IllegalArgumentException("not a file id");
        }
        return root.resolve(id.substring(0, 2)).resolve(id);
    }

    public void delete(String id) {
        deleteQuietly(pathOf(id));
    }

    /**
     * Hands the ids of the files in place, last modified before {@code before}, to
     * {@code batch} in lists of at most {@code size}.
     */
    void forEachStored(Instant before, int size, Consumer<List<String>> batch) throws IOException {
        var ids = new ArrayList<String>(size);
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, path -> Files.isDirectory(path)
                && path.getFileName().toString().length() == 2)) {
            for (Path directory : directories) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                    for (Path file : files) {
                        String id = file.getFileName().toString();
                        if (Tokens.isFileId(id) && id.startsWith(directory.getFileName().toString())
                                && Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                            ids.add(id);
                        }
                        if (ids.size() == size) {
                            batch.accept(List.copyOf(ids));
                            ids.clear();
                        }
                    }
                }
            }
        }
        if (!ids.isEmpty()) {
            batch.accept(List.copyOf(ids));
        }
    }

    /** Removes every file being received: only when no upload is being received, as {@link IncomingUploads} knows. */
    void removeIncoming() {
        removeIncomingBefore(Instant.MAX);
    }

    private void removeStale() {
        removeIncomingBefore(Instant.now().minus(STALE));
    }

    private void removeIncomingBefore(Instant before) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
            for (Path file : files) {
                try {
                    FileTime modified = Files.getLastModifiedTime(file);
                    if (Files.isRegularFile(file) && modified.toInstant().isBefore(before)) {
                        deleteQuietly(file);
                    }
                } catch (NoSuchFileException gone) {
                    // removed meanwhile by whoever wrote it
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot clean " + incoming, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + file, e);
        }
    }
}
