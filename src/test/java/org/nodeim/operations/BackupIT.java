package org.nodeim.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.htmlunit.html.HtmlPage;
import org.json.JSONArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Console;
import org.nodeim.testing.PayaraMicroProcess;
import org.nodeim.testing.TestServer;

/**
 * An administrator backs the embedded database up from the console while users chat; a server
 * started on the restored copy has every message sent before the backup, and none sent after.
 */
@Tag(TestServer.PAYARA_ONLY) // it starts Payara Micro processes of its own on the backup and the restored copy
class BackupIT {

    private static final String PASSWORD = "backup-password";
    private static final Pattern WRITTEN = Pattern.compile("Backup written to (\\S+)");

    private PayaraMicroProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void aBackupTakenWhileTheServerRunsRestoresItsMessages() throws Exception {
        Path live = Files.createTempDirectory(Path.of("target"), "backup-live-");
        server = PayaraMicroProcess.start(live, "backup-live");
        String annName = ChatClient.uniqueName("backup-ann");
        String bobName = ChatClient.uniqueName("backup-bob");
        long annId;
        Path backup;
        try (var ann = ChatClient.connect(server.base()); var bob = ChatClient.connect(server.base())) {
            annId = ann.signUp(annName, PASSWORD);
            long bobId = bob.signUp(bobName, PASSWORD);
            ann.signIn(annName, PASSWORD);
            for (int i = 1; i <= 3; i++) {
                assertThat(ann.call("message", json("to", bobId, "message", "before " + i)).optInt("code")).isEqualTo(200);
            }

            try (var console = Console.signedIn(server.base())) {
                HtmlPage dashboard = Console.page(console, Console.url(server.base(), "index.xhtml"));
                HtmlPage after = dashboard.getHtmlElementById("backup:now").click();
                String messages = after.getElementById("messages").asNormalizedText();
                Matcher written = WRITTEN.matcher(messages);
                assertThat(written.find()).as("the console says where: %s", messages).isTrue();
                backup = Path.of(written.group(1));
                HtmlPage audit = Console.page(console, Console.url(server.base(), "audit.xhtml"));
                assertThat(audit.getElementById("audit").asNormalizedText()).contains("database.backup");
            }
            assertThat(backup).startsWith(live.toAbsolutePath()).isDirectory();
            assertThat(Files.readAllLines(live.resolve("nodeim/service.properties"), StandardCharsets.ISO_8859_1))
                    .as("a new database is created in the one territory whose texts Derby carries, so that its"
                            + " sorts do not fail a message lookup each")
                    .contains("derby.serviceLocale=en_US");
            assertThat(ann.call("message", json("to", bobId, "message", "after the backup")).optInt("code")).isEqualTo(200);
        }
        server.kill();
        server = null;

        Path restored = Files.createTempDirectory(Path.of("target"), "backup-restored-");
        copy(backup.resolve("nodeim"), restored.resolve("nodeim"));
        server = PayaraMicroProcess.start(restored, "backup-restored");
        try (var bob = ChatClient.connect(server.base())) {
            bob.signIn(bobName, PASSWORD);
            JSONArray docs = bob.call("log", json("from", annId)).getJSONArray("docs");
            var bodies = new ArrayList<String>();
            for (int i = 0; i < docs.length(); i++) {
                bodies.add(docs.getJSONObject(i).optString("message"));
            }
            assertThat(bodies).as("newest first").containsExactly("before 3", "before 2", "before 1");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Files.copy(path, to.resolve(from.relativize(path).toString()));
        }
    }
}
