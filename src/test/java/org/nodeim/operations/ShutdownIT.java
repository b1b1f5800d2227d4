package org.nodeim.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodeim.testing.PayaraMicroProcess;
import org.nodeim.testing.RawSocket;

/**
 * Stopping the server (SIGTERM) tells connected clients: each gets an Engine.IO close packet
 * and a normal WebSocket close, so that it reconnects as after any restart, instead of
 * finding its connection dead.
 */
class ShutdownIT {

    private PayaraMicroProcess server;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void aConnectedClientGetsAClosePacketAndANormalClose() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "shutdown-derby-");
        server = PayaraMicroProcess.start(data, "shutdown");
        try (var raw = RawSocket.connected(server.base())) {
            server.stop();
            server = null;
            String frame;
            while ((frame = raw.next()).equals("2")) {
                // a ping sent before the stop
            }
            assertThat(frame).as("the Engine.IO close packet").isEqualTo("1");
            assertThat(raw.closed().orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(1000);
        }
    }
}
