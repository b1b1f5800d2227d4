package org.nodeim.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.PayaraMicroProcess;
import org.nodeim.testing.RawSocket;
import org.nodeim.testing.TestServer;
import org.nodeim.testing.Users;

/**
 * Stopping the server (SIGTERM) tells connected clients: each gets an Engine.IO close packet
 * and a normal WebSocket close, so that it reconnects as after any restart, instead of
 * finding its connection dead. What waited for an absent user is written before embedded
 * Derby shuts down, cleanly, and is delivered after the restart, once.
 */
@Tag(TestServer.PAYARA_ONLY) // it stops Payara Micro processes of its own
class ShutdownIT {

    private PayaraMicroProcess server;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void aConnectedClientGetsAClosePacketAndANormalCloseAndWhatWaitedIsThereAfterTheRestartOnce() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "shutdown-derby-");
        server = PayaraMicroProcess.start(data, "shutdown");
        String bob = ChatClient.uniqueName("bob");
        var sent = new ArrayList<String>();
        Users.User ann = Users.signedIn(server.base(), "ann");
        try (ann; var raw = RawSocket.connected(server.base())) {
            long bobId = ann.client().signUp(bob, "pw");
            // bob is away: these wait, in the journal's memory at first
            for (int i = 0; i < 30; i++) {
                sent.add("before the stop " + i);
                assertThat(ann.client().call("message", json("to", bobId, "message", sent.get(i))).optInt("code")).isEqualTo(200);
            }
            server.stop();
            server = null;
            String frame;
            while ((frame = raw.next()).equals("2")) {
                // a ping sent before the stop
            }
            assertThat(frame).as("the Engine.IO close packet").isEqualTo("1");
            assertThat(raw.closed().orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(1000);
        }
        // D002 is Derby's "Shutting down instance ... on database directory ..." (logged by its id: Derby's
        // message texts are not on the application's class path)
        assertThat(Files.readString(data.resolve("derby.log"))).as("embedded Derby was shut down, not left to recover")
                .containsPattern("D002 : \\[0\\] [0-9a-f-]+, \\[1\\] " + Pattern.quote(
                        data.resolve("nodeim").toAbsolutePath().toString()));

        server = PayaraMicroProcess.start(data, "shutdown-again");
        try (var bobBack = ChatClient.connect(server.base()); var annBack = ChatClient.connect(server.base())) {
            bobBack.signIn(bob, "pw");
            var received = new ArrayList<String>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(bobBack.nextEvent("message").optString("message"));
            }
            assertThat(received).isEqualTo(sent);
            annBack.signIn(ann.name(), "pw");
            long bobId = annBack.call("find", json("username", bob)).optJSONArray("users").optJSONObject(0).optLong("id");
            assertThat(annBack.call("message", json("to", bobId, "message", "after the restart")).optInt("code")).isEqualTo(200);
            assertThat(bobBack.nextEvent("message").optString("message")).as("nothing twice").isEqualTo("after the restart");
        }
    }
}
