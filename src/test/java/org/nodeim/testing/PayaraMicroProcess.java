package org.nodeim.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tested WAR on a Payara Micro process of its own, for tests that must kill the server:
 * the same post-boot commands as the run command, cheap password hashing and the console
 * password as under Arquillian, the database (and its backups) under a directory the test
 * chooses, the log in {@code target/}.
 */
public final class PayaraMicroProcess {

    private static final Duration BOOT_AT_MOST = Duration.ofMinutes(4);
    private static final long POLL_MILLIS = 500;

    private final Process process;
    private final int port;

    private PayaraMicroProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the tested WAR on a free port with embedded Derby under {@code databaseHome}; returns once it answers HTTP. */
    public static PayaraMicroProcess start(Path databaseHome, String label) throws IOException {
        return start(label, List.of(
                        "-Dderby.system.home=" + databaseHome.toAbsolutePath(),
                        "-Dnodeim.backup.directory=" + databaseHome.toAbsolutePath().resolve("backups")),
                List.of("--nohazelcast"));
    }

    /**
     * Starts the tested WAR as one node of a cluster on loopback: Payara's Data Grid
     * {@code grid} on {@code gridPort}, with the members at {@code gridMembers}
     * ({@code 127.0.0.1:port,...}), and the PostgreSQL database {@code database} on
     * {@code postgresqlPort}; its session ids end with {@code route}, and it trusts the
     * {@code X-Forwarded-For} of loopback, where the balancer is.
     */
    public static PayaraMicroProcess startClusterNode(String label, String route, String grid, int gridPort,
                                                      String gridMembers, int postgresqlPort, String database)
            throws IOException {
        var properties = new ArrayList<>(List.of(
                "-Dhazelcast.socket.bind.any=false",
                "-Dnodeim.node.route=" + route,
                "-Dnodeim.trusted-proxies=127.0.0.1",
                "-Dnodeim.cluster=hazelcast"));
        properties.addAll(postgreSql(postgresqlPort, database));
        return start(label, properties,
                List.of("--clustermode", "tcpip:" + gridMembers,
                        "--interfaces", "127.0.0.1",
                        "--startport", Integer.toString(gridPort),
                        "--clustername", grid,
                        "--name", label));
    }

    /** Starts the tested WAR alone (no Data Grid) on the PostgreSQL database {@code database} on {@code postgresqlPort}. */
    public static PayaraMicroProcess startOnPostgreSql(String label, int postgresqlPort, String database) throws IOException {
        return start(label, postgreSql(postgresqlPort, database), List.of("--nohazelcast"));
    }

    private static List<String> postgreSql(int port, String database) {
        return List.of(
                "-Dnodeim.db.class=org.postgresql.ds.PGSimpleDataSource",
                "-Dnodeim.db.server=127.0.0.1",
                "-Dnodeim.db.port=" + port,
                "-Dnodeim.db.name=" + database);
    }

    private static PayaraMicroProcess start(String label, List<String> properties, List<String> microOptions)
            throws IOException {
        int port = freePort();
        String jar = System.getProperty("payara.micro.jar");
        String war = System.getProperty("nodeim.war", "target/ROOT.war");
        if (jar == null) {
            throw new IllegalStateException("system property payara.micro.jar not set (the failsafe configuration sets it)");
        }
        var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-XX:TieredStopAtLevel=1",
                "-Dnodeim.password.memory-kib=1024",
                "-Dnodeim.password.iterations=1",
                "-Dnodeim.admin.password=" + Console.PASSWORD));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar,
                "--deploy", war,
                "--contextroot", "/",
                "--port", Integer.toString(port),
                "--postbootcommandfile", "server-config/post-boot-commands.asadmin"));
        command.addAll(microOptions);
        Path log = Path.of("target", "payara-" + label + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var server = new PayaraMicroProcess(process, port);
        server.awaitReady(log);
        return server;
    }

    /** A TCP port free on loopback now. */
    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The HTTP port on loopback. */
    public int port() {
        return port;
    }

    public URL base() {
        try {
            return new URL("http", "127.0.0.1", port, "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as an operator stops the server: returns once it has stopped, with its exit value. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Payara Micro did not stop within 60 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL to the server and whatever it started; returns once it is gone. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Payara Micro did not die within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Path log) throws IOException {
        // HTTP/1.1: by default the client upgrades to HTTP/2 and then sends every request over that
        // one connection; a probe upgraded while the server was still booting once left it half
        // closed, and every later probe timed out on it for minutes although the server was up
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        var probe = HttpRequest.newBuilder(URI.create(base() + "socket.io/?EIO=4&transport=polling"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + BOOT_AT_MOST.toNanos();
        String lastProbe = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            try {
                int status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                lastProbe = "HTTP " + status;
            } catch (IOException e) {
                lastProbe = e.toString(); // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        kill();
        throw new IllegalStateException("Payara Micro not ready within " + BOOT_AT_MOST + " (last probe of " + base()
                + ": " + lastProbe + "); see " + log);
    }
}
