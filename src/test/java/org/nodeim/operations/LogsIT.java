package org.nodeim.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.PayaraMicroProcess;
import org.nodeim.testing.TestServer;

/**
 * The server's log tells who connected, signed in and left, by connection and user id, and
 * never what a user keeps secret: passwords, security answers, tokens, message bodies. The
 * server runs as a process of its own so that the test reads its whole log.
 */
@Tag(TestServer.PAYARA_ONLY) // it reads the log of a Payara Micro process of its own
class LogsIT {

    private PayaraMicroProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void connectionsAreLoggedWithTheirUserAndNoSecretIs() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "logs-derby-");
        server = PayaraMicroProcess.start(data, "logs");
        String unique = Long.toString(System.nanoTime(), 36);
        String password = "pw-secret-" + unique;
        String answer = "answer-secret-" + unique;
        String newPassword = "new-secret-" + unique;
        String body = "body-secret-" + unique;
        String name = ChatClient.uniqueName("logs");
        String token;
        String connectionId;
        long id;
        try (var ann = ChatClient.connect(server.base()); var bob = ChatClient.connect(server.base())) {
            id = ann.call("signup", json("username", name, "password", password, "question", "pet?", "answer", answer))
                    .getLong("id");
            var signedIn = ann.call("signin", json("username", name, "password", password));
            token = signedIn.getString("token");
            assertThat(ann.call("signin", json("username", name, "password", "wrong-" + password)).optInt("code"))
                    .as("a second signin on the same connection").isEqualTo(402);
            assertThat(bob.call("signin", json("username", name, "password", "wrong-" + password)).optInt("code"))
                    .isEqualTo(404);
            assertThat(bob.call("retrieve", json("username", name, "answer", answer, "newpassword", newPassword))
                    .optInt("code")).isEqualTo(200);
            bob.signUp(ChatClient.uniqueName("logs-bob"), password);
            assertThat(ann.call("message", json("to", id, "message", body)).optInt("code")).isEqualTo(200);
        }
        try (var again = ChatClient.connect(server.base())) {
            assertThat(again.call("signin", json("token", token)).optInt("code")).as("revoked by the new password")
                    .isEqualTo(404);
            assertThat(again.call("signin", json("username", name, "password", newPassword)).optInt("code")).isEqualTo(200);
        }
        server.kill();
        server = null;

        String log = Files.readString(Path.of("target", "payara-logs.log"));
        assertThat(Pattern.compile("connection \\S+ signed in as user " + id).matcher(log).find())
                .as("a signin line with the user id").isTrue();
        assertThat(Pattern.compile("connection \\S+ opened from 127\\.0\\.0\\.1").matcher(log).find()).isTrue();
        assertThat(Pattern.compile("connection \\S+ signed out \\(user " + id + "\\)").matcher(log).find())
                .as("a signout line with the user id").isTrue();
        assertThat(Pattern.compile("connection \\S+ closed").matcher(log).find()).isTrue();
        for (String secret : new String[] {password, answer, newPassword, body, token}) {
            assertThat(log).as("the log holds no secret").doesNotContain(secret);
        }
    }
}
