package org.nodeim.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep at start: stored files without a record go, everything else stays. */
class OrphanFilesTest {

    @TempDir
    Path directory;

    @Test
    void onlyOldFilesWithoutARecordAreRemoved() throws IOException {
        var store = new FileStore();
        store.settings = new UploadSettings();
        store.settings.directory = directory.toString();
        store.createDirectories();
        Instant start = Instant.now();
        Instant old = start.minusSeconds(3600);

        var recorded = new HashSet<String>();
        var orphans = new HashSet<String>();
        for (int i = 0; i < 1200; i++) {
            String id = Tokens.newFileId();
            place(store, id, old);
            (i % 3 == 0 ? orphans : recorded).add(id);
        }
        String young = Tokens.newFileId();
        place(store, young, start.plusSeconds(1));
        Path stranger = directory.resolve("ab").resolve("not-a-file-id.txt");
        Files.createDirectories(stranger.getParent());
        Files.writeString(stranger, "kept");
        Path incoming = Files.createTempFile(store.incomingDirectory(), "upload-", ".part");

        var asked = new HashSet<String>();
        int removed = OrphanFiles.sweep(store, start, (Collection<String> ids) -> {
            assertThat(ids.size()).as("asked in batches").isLessThanOrEqualTo(500);
            asked.addAll(ids);
            var known = new HashSet<>(ids);
            known.retainAll(recorded);
            return Set.copyOf(known);
        });

        assertThat(removed).isEqualTo(orphans.size());
        assertThat(asked).as("every old file asked about, once").hasSize(1200).doesNotContain(young);
        orphans.forEach(id -> assertThat(store.pathOf(id)).doesNotExist());
        recorded.forEach(id -> assertThat(store.pathOf(id)).exists());
        assertThat(store.pathOf(young)).as("possibly on its way to a record").exists();
        assertThat(stranger).exists();
        assertThat(incoming).exists();
    }

    private static void place(FileStore store, String id, Instant modified) throws IOException {
        Path file = store.pathOf(id);
        Files.createDirectories(file.getParent());
        Files.writeString(file, id);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
