package org.nodeim.testing;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx in front of the nodes of a test cluster, with the configuration the project ships
 * ({@code server-config/cluster/nginx.conf}), its loopback ports replaced by the test's: the
 * balancer's own and the nodes' in order. Needs Debian's nginx ({@code .ci/run} installs it).
 */
public final class Nginx implements AutoCloseable {

    private static final Path SHIPPED_CONFIGURATION = Path.of("server-config", "cluster", "nginx.conf");
    private static final Duration START_AT_MOST = Duration.ofSeconds(20);

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts nginx under {@code directory}, listening on a free loopback port, in front of {@code nodePorts}. */
    public static Nginx start(Path directory, List<Integer> nodePorts) throws IOException {
        String configuration = Files.readString(SHIPPED_CONFIGURATION);
        int port = PayaraMicroProcess.freePort();
        configuration = replaceOnce(configuration, "listen 127.0.0.1:8080;", "listen 127.0.0.1:" + port + ";");
        for (int node = 0; node < nodePorts.size(); node++) {
            String shipped = "127.0.0.1:" + (8081 + node);
            String tested = "127.0.0.1:" + nodePorts.get(node);
            if (!configuration.contains(shipped)) {
                throw new IllegalStateException(SHIPPED_CONFIGURATION + " has no node at " + shipped);
            }
            configuration = configuration.replace(shipped, tested);
        }
        Files.createDirectories(directory.resolve("logs"));
        Path file = directory.resolve("nginx.conf").toAbsolutePath();
        Files.writeString(file, configuration);
        Process process = new ProcessBuilder(executable(), "-p", directory.toAbsolutePath().toString(), "-c",
                file.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.out").toFile())
                .start();
        var nginx = new Nginx(process, port);
        nginx.awaitListening(directory);
        return nginx;
    }

    private static String replaceOnce(String text, String shipped, String tested) {
        if (!text.contains(shipped)) {
            throw new IllegalStateException(SHIPPED_CONFIGURATION + " has no '" + shipped + "'");
        }
        return text.replace(shipped, tested);
    }

    private static String executable() {
        String configured = System.getProperty("nodeim.it.nginx", "");
        if (!configured.isEmpty()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    public URL base() {
        try {
            return new URL("http", "127.0.0.1", port, "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening(Path directory) throws IOException {
        long deadline = System.nanoTime() + START_AT_MOST.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("nginx.out")));
            }
            try (var probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        close();
        throw new IllegalStateException("nginx not listening within " + START_AT_MOST);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
