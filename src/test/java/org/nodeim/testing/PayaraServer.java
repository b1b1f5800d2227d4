package org.nodeim.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A full Payara Server (not Micro: Micro deploys no EAR), unpacked from its distribution ZIP
 * under {@code target/}, with a domain of its own on free ports, driven through asadmin as an
 * operator would. The asadmin output goes to {@code target/payara-server-LABEL.log}.
 */
public final class PayaraServer implements AutoCloseable {

    private static final String DOMAIN = "nodeim-it";
    private static final int ADMIN_OFFSET = 48;
    private static final int HTTP_OFFSET = 80;
    private static final long COMMAND_MINUTES = 5;

    private final Path installation;
    private final int portBase;
    private final Path log;

    private PayaraServer(Path installation, int portBase, Path log) {
        this.installation = installation;
        this.portBase = portBase;
        this.log = log;
    }

    /** Unpacks the distribution (once), creates a fresh domain and starts it. */
    public static PayaraServer start(Path distribution, String label) throws IOException {
        Path home = Path.of("target", "payara-server").toAbsolutePath();
        if (!Files.isDirectory(home.resolve("payara6"))) {
            unzip(distribution, home);
        }
        var server = new PayaraServer(home.resolve("payara6"), freePortBase(), Path.of("target", "payara-server-" + label + ".log"));
        Files.deleteIfExists(server.log);
        deleteRecursively(server.installation.resolve("glassfish/domains").resolve(DOMAIN));
        server.run("create-domain", "--nopassword", "--portbase", Integer.toString(server.portBase), DOMAIN);
        server.run("start-domain", DOMAIN);
        return server;
    }

    /** Sets system properties of the running domain ({@code asadmin create-system-properties}). */
    public void setSystemProperties(Map<String, String> properties) throws IOException {
        var pairs = new ArrayList<String>();
        properties.forEach((key, value) -> pairs.add(key + "=" + value.replace(":", "\\:")));
        run("--port", Integer.toString(portBase + ADMIN_OFFSET), "create-system-properties", String.join(":", pairs));
    }

    /** Deploys an archive (WAR or EAR) to the running domain. */
    public void deploy(Path archive) throws IOException {
        run("--port", Integer.toString(portBase + ADMIN_OFFSET), "deploy", "--force", "true",
                archive.toAbsolutePath().toString());
    }

    /** The HTTP listener, on the loopback interface. */
    public URL base() {
        try {
            return new URL("http", "127.0.0.1", portBase + HTTP_OFFSET, "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        run("stop-domain", "--kill", "true", DOMAIN);
    }

    private void run(String... arguments) throws IOException {
        Process process = asadmin(arguments);
        try {
            if (!process.waitFor(COMMAND_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + arguments[0] + " took more than " + COMMAND_MINUTES + " min; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed; see " + log);
        }
    }

    private Process asadmin(String... arguments) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", installation.resolve("glassfish/lib/client/appserver-cli.jar").toString()));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        return builder.start();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void unzip(Path distribution, Path into) throws IOException {
        Path partial = Files.createTempDirectory(into.getParent(), "payara-server-unpacking-");
        try (InputStream in = Files.newInputStream(distribution); var zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("entry outside the distribution: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createDirectories(into.getParent());
        Files.move(partial, into, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A port base whose admin and HTTP ports are free now. */
    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                base = probe.getLocalPort() / 100 * 100;
            }
            if (base + 100 < 65536 && free(base + ADMIN_OFFSET) && free(base + HTTP_OFFSET) && free(base + 81)
                    && free(base + 37) && free(base + 38) && free(base + 39) && free(base + 86) && free(base + 76)) {
                return base;
            }
        }
        throw new IOException("no free port base found");
    }

    private static boolean free(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
