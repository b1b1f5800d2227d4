package org.nodeim.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.nodeim.testing.ChatClient.uniqueName;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.Multipart;
import org.nodeim.testing.TestServer;

/**
 * The upload command, the form, storing and serving files, over real HTTP with a signed-in
 * Java Socket.IO client; limits made small (1 MiB a file, 3 MiB a user, tickets of 8 s).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadIT {

    private static final Path DIRECTORY = Path.of("target/it-uploads");
    private static final int MAX_FILE = 1024 * 1024;
    private static final int MAX_FILES = 3;
    private static final int TICKET_SECONDS = 8;
    private static final Pattern FORM_URL = Pattern.compile("/nodeim-server/upload\\?user=(\\d+)&ticket=([A-Za-z0-9_-]+)");

    /** A file in place with no record, as a crash between the move and the commit leaves one. */
    private static final Path ORPHAN = DIRECTORY.resolve("zz").resolve("zz" + "0".repeat(30));

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        Files.createDirectories(ORPHAN.getParent());
        Files.writeString(ORPHAN, "left by a crash");
        Files.setLastModifiedTime(ORPHAN, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return Deployments.war("nodeim.upload.directory=" + DIRECTORY, "nodeim.upload.max-file-size=" + MAX_FILE,
                "nodeim.upload.quota=" + 3 * MAX_FILE, "nodeim.upload.max-files-per-request=" + MAX_FILES, "nodeim.upload.ticket-seconds=" + TICKET_SECONDS,
                "nodeim.upload.frame-ancestors=https://chat.example.org not-an-origin;script");
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void onLoopback() {
        base = Loopback.of(base);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random = new Random(42);
    private ChatClient client;
    private long userId;

    @BeforeEach
    void signIn() {
        client = ChatClient.connect(base);
        String name = uniqueName("uploader");
        userId = client.signUp(name, "pw");
        client.signIn(name, "pw");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void ticketFormUploadEventAndDownloadOfIdenticalBytes() throws Exception {
        String form = formUrl();
        Matcher matcher = FORM_URL.matcher(form);
        assertThat(matcher.matches()).as(form).isTrue();
        assertThat(Long.parseLong(matcher.group(1))).isEqualTo(userId);

        var page = get(form);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'self' https://chat.example.org").doesNotContain("not-an-origin").doesNotContain("script"));
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("enctype=\"multipart/form-data\"").contains("type=\"file\"").contains("name=\"file\"")
                .doesNotContain("<script");

        try (var phone = ChatClient.connect(base)) {
            phone.call("signin", ChatClient.json("id", userId, "password", "pw"));
            byte[] content = bytes(300_000);
            var posted = post(form, Multipart.file("holiday.png", "image/png", content));
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(new String(posted.body(), StandardCharsets.UTF_8)).contains("Uploaded").contains("holiday.png");

            JSONObject event = client.nextEvent("upload");
            assertThat(event.optString("filename")).isEqualTo("holiday.png");
            String url = event.optString("url");
            assertThat(url).matches("/nodeim-server/files/[A-Za-z0-9_-]{32}");
            assertThat(phone.nextEvent("upload").optString("url")).isEqualTo(url);

            var download = get(url);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(sha256(download.body())).isEqualTo(sha256(content));
            var headers = download.headers();
            assertThat(headers.firstValue("Content-Type")).hasValue("image/png");
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(headers.firstValue("Content-Security-Policy")).hasValue("default-src 'none'");
            assertThat(headers.firstValue("Content-Disposition")).hasValue("inline; filename=\"holiday.png\"");
            assertThat(headers.firstValue("Content-Length")).hasValue(String.valueOf(content.length));
            assertThat(headers.firstValue("Accept-Ranges")).hasValue("bytes");
            String etag = headers.firstValue("ETag").orElseThrow();
            assertThat(etag).isEqualTo("\"" + sha256(content) + "\"");

            var revalidated = send(HttpRequest.newBuilder(uri(url)).header("If-None-Match", etag).build());
            assertThat(revalidated.statusCode()).isEqualTo(304);
            assertThat(revalidated.body()).isEmpty();

            byte[] second = "a second file with the same ticket\n".getBytes(StandardCharsets.UTF_8);
            assertThat(post(form, Multipart.file("notes.txt", "text/plain", second)).statusCode()).isEqualTo(200);
            JSONObject secondEvent = client.nextEvent("upload");
            assertThat(secondEvent.optString("filename")).isEqualTo("notes.txt");
            assertThat(secondEvent.optString("url")).isNotEqualTo(url);
            assertThat(get(secondEvent.optString("url")).body()).isEqualTo(second);
        }
    }

    @Test
    void onlyImagesAudioVideoAndPlainTextAreShownInPlace() throws Exception {
        String form = formUrl();
        List<String[]> cases = List.of(
                new String[] {"page.html", "text/html", "attachment"},
                new String[] {"drawing.svg", "image/svg+xml", "attachment"},
                new String[] {"report.pdf", "application/pdf", "attachment"},
                new String[] {"run.js", "application/javascript", "attachment"},
                new String[] {"odd.bin", "not a type<script>", "attachment"},
                new String[] {"song.mp3", "audio/mpeg", "inline"},
                new String[] {"clip.mp4", "video/mp4", "inline"},
                new String[] {"photo.jpg", "image/jpeg", "inline"},
                new String[] {"readme.txt", "text/plain; charset=UTF-8", "inline"});
        for (String[] c : cases) {
            assertThat(post(form, Multipart.file(c[0], c[1], "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)))
                    .statusCode()).isEqualTo(200);
            var download = get(client.nextEvent("upload").optString("url"));
            assertThat(download.headers().firstValue("Content-Disposition")).as(c[1])
                    .hasValue(c[2] + "; filename=\"" + c[0] + "\"");
            assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(download.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'");
        }
        var untyped = get(uploadAndGetUrl(form, "odd.bin", "not a type<script>", new byte[] {1}));
        assertThat(untyped.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    }

    @Test
    void forgedMissingAndForeignTicketsAre403AndStoreNothing() throws Exception {
        String form = formUrl();
        Matcher matcher = FORM_URL.matcher(form);
        assertThat(matcher.matches()).isTrue();
        String ticket = matcher.group(2);
        char last = ticket.charAt(ticket.length() - 1);
        String tampered = ticket.substring(0, ticket.length() - 1) + (last == 'A' ? 'B' : 'A');

        long otherUser;
        String othersTicket;
        try (var other = ChatClient.connect(base)) {
            String name = uniqueName("other");
            otherUser = other.signUp(name, "pw");
            other.signIn(name, "pw");
            Matcher othersForm = FORM_URL.matcher(other.call("upload", new JSONObject()).optString("url"));
            assertThat(othersForm.matches()).isTrue();
            othersTicket = othersForm.group(2);
        }
        long filesBefore = storedFiles();
        List<String> refused = List.of(
                "/nodeim-server/upload",
                "/nodeim-server/upload?user=" + userId,
                "/nodeim-server/upload?user=" + userId + "&ticket=",
                "/nodeim-server/upload?user=" + userId + "&ticket=" + tampered,
                "/nodeim-server/upload?user=" + userId + "&ticket=" + othersTicket,
                "/nodeim-server/upload?user=" + otherUser + "&ticket=" + ticket,
                "/nodeim-server/upload?ticket=" + ticket,
                "/nodeim-server/upload?user=-1&ticket=" + ticket,
                "/nodeim-server/upload?user=" + userId + "&ticket=" + ticket + "x");
        for (String url : refused) {
            assertThat(get(url).statusCode()).as("GET " + url).isEqualTo(403);
            var posted = post(url, Multipart.file("sneaky.txt", "text/plain", bytes(50_000)));
            assertThat(posted.statusCode()).as("POST " + url).isEqualTo(403);
            assertThat(new String(posted.body(), StandardCharsets.UTF_8)).doesNotContain("sneaky");
        }
        assertThat(storedFiles()).isEqualTo(filesBefore);
        assertThat(client.events("upload")).isEmpty();
        assertThat(post(form, Multipart.file("fine.txt", "text/plain", bytes(10))).statusCode()).isEqualTo(200);
        assertThat(client.nextEvent("upload").optString("filename")).as("the first upload event").isEqualTo("fine.txt");
    }

    @Test
    void anExpiredTicketIs403() throws Exception {
        String form = formUrl();
        assertThat(get(form).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(TICKET_SECONDS + 20)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(form).statusCode() == 403);
        long filesBefore = storedFiles();
        assertThat(post(form, Multipart.file("late.txt", "text/plain", bytes(100))).statusCode()).isEqualTo(403);
        assertThat(storedFiles()).isEqualTo(filesBefore);
        assertThat(FORM_URL.matcher(formUrl()).matches()).as("a new ticket").isTrue();
    }

    /**
     * An upload and a polling POST whose clients stall with their bodies half sent (side by
     * side: each waits for the server to give up reading, about 12 s with the tests' settings in
     * {@code src/test/payara/pre-boot-commands.asadmin}, a minute as shipped).
     */
    @Test
    @Tag(TestServer.PAYARA_ONLY) // Undertow reads a stalled body until its connection times out, and its read timeout would also close idle WebSockets
    void aBodyShorterThanDeclaredIs400AndLeavesNothing() throws Exception {
        var poll = CompletableFuture.supplyAsync(this::stalledPollingPost);
        String form = formUrl();
        long filesBefore = storedFiles();
        Multipart multipart = Multipart.file("cut.bin", "application/octet-stream", bytes(50_000));
        int sent = multipart.body().length / 2;
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + form + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: " + multipart.contentType()
                    + "\r\nContent-Length: " + multipart.body().length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(multipart.body(), 0, sent);
            out.flush();
            // the client stalls with its connection open: the server's read times out
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("incomplete");
        }
        awaitNothingIncoming();
        assertThat(storedFiles()).isEqualTo(filesBefore);
        assertThat(poll.get(2, TimeUnit.MINUTES)).as("the polling POST").startsWith("HTTP/1.1 400");
    }

    /** What the server answers a polling POST that declares 100 bytes and sends 2. */
    private String stalledPollingPost() {
        try {
            String open = new String(get("socket.io/?EIO=4&transport=polling").body(), StandardCharsets.UTF_8);
            String sid = new JSONObject(open.substring(1)).getString("sid");
            try (var socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(120_000);
                socket.getOutputStream().write(("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: "
                        + base.getHost() + ":" + base.getPort() + "\r\nContent-Type: text/plain;charset=UTF-8"
                        + "\r\nConnection: close\r\nContent-Length: 100\r\n\r\n40").getBytes(StandardCharsets.US_ASCII));
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFileOverTheLimitIs413AndLeavesNothing() throws Exception {
        String form = formUrl();
        long filesBefore = storedFiles();
        for (int size : new int[] {MAX_FILE + 1, MAX_FILE + 100_000, 3 * MAX_FILE}) {
            var posted = post(form, Multipart.file("big.bin", "application/octet-stream", bytes(size)));
            assertThat(posted.statusCode()).as("%d bytes", size).isEqualTo(413);
            assertThat(new String(posted.body(), StandardCharsets.UTF_8)).contains("too large").contains("1 MiB");
        }
        awaitNothingIncoming();
        assertThat(storedFiles()).isEqualTo(filesBefore);
        byte[] exactly = bytes(MAX_FILE);
        assertThat(sha256(get(uploadAndGetUrl(form, "limit.bin", "application/octet-stream", exactly)).body()))
                .isEqualTo(sha256(exactly));
    }

    @Test
    void theQuotaIsPerUserAndOverItIs413() throws Exception {
        String form = formUrl();
        int size = 900 * 1024;
        for (int i = 0; i < 3; i++) {
            assertThat(post(form, Multipart.file("part" + i + ".bin", "application/octet-stream", bytes(size))).statusCode())
                    .isEqualTo(200);
            client.nextEvent("upload");
        }
        long filesBefore = storedFiles();
        var over = post(form, Multipart.file("one-too-many.bin", "application/octet-stream", bytes(size)));
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(new String(over.body(), StandardCharsets.UTF_8)).contains("quota").contains("3 MiB");
        var small = post(form, Multipart.file("still-room.txt", "text/plain", bytes(size / 4)));
        assertThat(small.statusCode()).as("a smaller file fits in what is left").isEqualTo(200);
        awaitNothingIncoming();
        assertThat(storedFiles()).isEqualTo(filesBefore + 1);

        try (var other = ChatClient.connect(base)) {
            String name = uniqueName("roomy");
            other.signUp(name, "pw");
            other.signIn(name, "pw");
            String othersForm = other.call("upload", new JSONObject()).optString("url");
            assertThat(post(othersForm, Multipart.file("mine.bin", "application/octet-stream", bytes(size))).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void namesFromClientsNeverEscapeTheDirectoryNorBreakHeaders() throws Exception {
        String form = formUrl();
        String longName = "x".repeat(1000) + ".txt";
        List<String[]> cases = List.of(
                new String[] {"../../../../../../tmp/nodeim-escape.txt", "nodeim-escape.txt"},
                new String[] {"..\\..\\..\\windows\\win.ini", "win.ini"},
                new String[] {"/etc/passwd", "passwd"},
                new String[] {"..", "file"},
                new String[] {"", "file"},
                new String[] {"a\u0001b\u007fc\u202Etxt.exe", "abctxt.exe"},
                new String[] {"line\r\nX-Injected: yes.txt", "line%0D%0AX-Injected: yes.txt"},
                new String[] {"quote\"semi;colon.txt", "quote%22semi;colon.txt"},
                new String[] {longName, "x".repeat(251) + ".txt"},
                new String[] {"<img src=x onerror=alert(1)>.txt", "<img src=x onerror=alert(1)>.txt"});
        for (String[] c : cases) {
            byte[] content = ("content of " + c[0]).getBytes(StandardCharsets.UTF_8);
            var posted = post(form, Multipart.file(c[0], "text/plain", content));
            assertThat(posted.statusCode()).as(c[0]).isEqualTo(200);
            assertThat(new String(posted.body(), StandardCharsets.UTF_8)).doesNotContain("<img src=x");
            JSONObject event = client.nextEvent("upload");
            assertThat(event.optString("filename")).as(c[0]).isEqualTo(c[1]);
            var download = get(event.optString("url"));
            assertThat(download.body()).isEqualTo(content);
            assertThat(download.headers().allValues("Content-Disposition")).hasSize(1);
            assertThat(download.headers().firstValue("X-Injected")).isEmpty();
        }
        assertThat(Path.of("/tmp/nodeim-escape.txt")).doesNotExist();
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(name -> name.matches("[A-Za-z0-9_-]{32}") || name.endsWith(".part"));
        }
    }

    @Test
    void aUnicodeNameSurvivesAndIsSentAsRfc6266() throws Exception {
        String name = "R\u00e9sum\u00e9 \u5c65\u6b74\u66f8 \uD83D\uDCC4.txt";
        String decomposed = "Re\u0301sume\u0301 \u5c65\u6b74\u66f8 \uD83D\uDCC4.txt";
        String form = formUrl();
        for (String submitted : List.of(name, decomposed)) {
            var posted = post(form, Multipart.file(submitted, "text/plain", "bonjour".getBytes(StandardCharsets.UTF_8)));
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(new String(posted.body(), StandardCharsets.UTF_8)).contains(name);
            JSONObject event = client.nextEvent("upload");
            assertThat(event.optString("filename")).isEqualTo(name);
            String disposition = get(event.optString("url")).headers().firstValue("Content-Disposition").orElseThrow();
            assertThat(disposition).startsWith("inline; filename=\"R_sum_ ___ _.txt\"; filename*=UTF-8''");
            String encoded = disposition.substring(disposition.indexOf("UTF-8''") + "UTF-8''".length());
            assertThat(encoded).matches("[A-Za-z0-9!#$&+.^_`|~%-]+");
            assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(name);
        }
    }

    @Test
    void rangesAndConditionalRequests() throws Exception {
        byte[] content = bytes(100_000);
        String url = uploadAndGetUrl(formUrl(), "track.mp3", "audio/mpeg", content);
        String etag = get(url).headers().firstValue("ETag").orElseThrow();

        var middle = send(HttpRequest.newBuilder(uri(url)).header("Range", "bytes=1000-1999").build());
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));

        var tail = send(HttpRequest.newBuilder(uri(url)).header("Range", "bytes=-10").build());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, 99_990, 100_000));

        var open = send(HttpRequest.newBuilder(uri(url)).header("Range", "bytes=99000-").build());
        assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 99000-99999/100000");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, 99_000, 100_000));

        var past = send(HttpRequest.newBuilder(uri(url)).header("Range", "bytes=100000-").build());
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */100000");

        var stale = send(HttpRequest.newBuilder(uri(url)).header("Range", "bytes=0-9").header("If-Range", "\"other\"").build());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(content);

        var current = send(HttpRequest.newBuilder(uri(url)).header("Range", "bytes=0-9").header("If-Range", etag).build());
        assertThat(current.statusCode()).isEqualTo(206);

        var head = send(HttpRequest.newBuilder(uri(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("100000");

        assertThat(send(HttpRequest.newBuilder(uri(url)).header("If-None-Match", "\"x\", W/" + etag).build()).statusCode())
                .isEqualTo(304);
    }

    @Test
    void aFileLeftWithoutARecordIsRemovedAtStart() {
        assertThat(ORPHAN).doesNotExist();
    }

    @Test
    void severalFilesInOnePostAreEachStoredWithTheirEvent() throws Exception {
        var parts = List.of(new Multipart.Part("one.txt", "text/plain", bytes(1000)),
                new Multipart.Part("two.png", "image/png", bytes(2000)),
                new Multipart.Part("three.bin", "application/octet-stream", bytes(3000)));
        var posted = post(formUrl(), Multipart.files(parts));
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(new String(posted.body(), StandardCharsets.UTF_8)).contains("one.txt").contains("two.png").contains("three.bin");
        for (Multipart.Part part : parts) {
            JSONObject event = client.nextEvent("upload");
            assertThat(event.optString("filename")).isEqualTo(part.filename());
            assertThat(get(event.optString("url")).body()).isEqualTo(part.content());
        }
    }

    @Test
    void oneFileRefusedInAPostKeepsNoneOfIt() throws Exception {
        long filesBefore = storedFiles();
        var tooBig = post(formUrl(), Multipart.files(List.of(new Multipart.Part("fine.txt", "text/plain", bytes(1000)),
                new Multipart.Part("big.bin", "application/octet-stream", bytes(MAX_FILE + 1)))));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        var tooMany = post(formUrl(), Multipart.files(Stream.generate(() -> new Multipart.Part("f.txt", "text/plain", bytes(10)))
                .limit(MAX_FILES + 1).toList()));
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(new String(tooMany.body(), StandardCharsets.UTF_8)).contains("at most " + MAX_FILES + " files");
        awaitNothingIncoming();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(storedFiles()).isEqualTo(filesBefore));
        assertThat(client.events("upload")).as("no event for a file not kept").isEmpty();
    }

    @Test
    void aUserDeletesTheirFileAndGetsTheQuotaBack() throws Exception {
        String form = formUrl();
        int size = 900 * 1024;
        var urls = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            urls.add(uploadAndGetUrl(form, "part" + i + ".bin", "application/octet-stream", bytes(size)));
        }
        assertThat(post(form, Multipart.file("over.bin", "application/octet-stream", bytes(size))).statusCode()).isEqualTo(413);

        try (var other = ChatClient.connect(base)) {
            String name = uniqueName("stranger");
            other.signUp(name, "pw");
            other.signIn(name, "pw");
            assertThat(other.call("upload.delete", ChatClient.json("url", urls.get(0))).optInt("code"))
                    .as("not theirs").isEqualTo(404);
        }
        assertThat(get(urls.get(0)).statusCode()).isEqualTo(200);
        assertThat(client.call("upload.delete", ChatClient.json()).optInt("code")).isEqualTo(400);
        assertThat(client.call("upload.delete", ChatClient.json("url", "/nodeim-server/files/nonsense")).optInt("code"))
                .isEqualTo(404);

        assertThat(client.call("upload.delete", ChatClient.json("url", urls.get(0))).optInt("code")).isEqualTo(200);
        assertThat(get(urls.get(0)).statusCode()).isEqualTo(404);
        assertThat(client.call("upload.delete", ChatClient.json("url", urls.get(0))).optInt("code")).as("gone").isEqualTo(404);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(DIRECTORY.resolve(fileId(urls.get(0)).substring(0, 2)).resolve(fileId(urls.get(0)))).doesNotExist());
        assertThat(get(urls.get(1)).statusCode()).as("the others stay").isEqualTo(200);
        assertThat(post(form, Multipart.file("fits-again.bin", "application/octet-stream", bytes(size))).statusCode())
                .as("the quota came back").isEqualTo(200);
    }

    private static String fileId(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void unknownFilesAre404() throws Exception {
        assertThat(get("/nodeim-server/files/" + "A".repeat(32)).statusCode()).isEqualTo(404);
        assertThat(get("/nodeim-server/files/").statusCode()).isEqualTo(404);
        var traversal = get("/nodeim-server/files/..%2F..%2FWEB-INF%2Fweb.xml");
        assertThat(traversal.statusCode()).as("refused, or sent to the console's login as any protected path")
                .isIn(302, 400, 404);
        if (traversal.statusCode() == 302) {
            assertThat(traversal.headers().firstValue("Location")).get().asString().endsWith("/admin/login.xhtml");
        }
        assertThat(get("/nodeim-server/files/.incoming").statusCode()).isEqualTo(404);
    }

    @Test
    void anInterruptedUploadLeavesNothing() throws Exception {
        String form = formUrl();
        long filesBefore = storedFiles();
        var whole = Multipart.file("cut.bin", "application/octet-stream", bytes(MAX_FILE - 1000));
        var request = HttpRequest.newBuilder(uri(form))
                .header("Content-Type", whole.contentType())
                .POST(new FailingBody(whole.body(), whole.body().length / 2))
                .build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
        awaitNothingIncoming();
        assertThat(storedFiles()).isEqualTo(filesBefore);
        assertThat(post(form, Multipart.file("after.txt", "text/plain", bytes(10))).statusCode()).isEqualTo(200);
        assertThat(client.nextEvent("upload").optString("filename")).isEqualTo("after.txt");
    }

    @Test
    void uploadNeedsASignedInConnection() {
        try (var anonymous = ChatClient.connect(base)) {
            assertThat(anonymous.call("upload", new JSONObject()).optInt("code")).isEqualTo(403);
        }
    }

    /** A body that announces its full length, sends part of it, then fails: the client aborts. */
    private record FailingBody(byte[] body, int sent) implements HttpRequest.BodyPublisher {

        @Override
        public long contentLength() {
            return body.length;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private boolean done;

                @Override
                public void request(long n) {
                    if (done) {
                        return;
                    }
                    done = true;
                    subscriber.onNext(ByteBuffer.wrap(body, 0, sent));
                    subscriber.onError(new IOException("connection lost"));
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        }
    }

    private String formUrl() {
        JSONObject reply = client.call("upload", new JSONObject());
        assertThat(reply.optInt("code")).as(reply.toString()).isEqualTo(200);
        return reply.optString("url");
    }

    private String uploadAndGetUrl(String form, String name, String type, byte[] content) throws Exception {
        assertThat(post(form, Multipart.file(name, type, content)).statusCode()).isEqualTo(200);
        return client.nextEvent("upload").optString("url");
    }

    private URI uri(String path) {
        return URI.create(base.toExternalForm()).resolve(path);
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).build());
    }

    private HttpResponse<byte[]> post(String path, Multipart multipart) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body()))
                .build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private byte[] bytes(int size) {
        var content = new byte[size];
        random.nextBytes(content);
        return content;
    }

    private static long storedFiles() {
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.startsWith(DIRECTORY.resolve(".incoming"))).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitNothingIncoming() {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            try (Stream<Path> files = Files.list(DIRECTORY.resolve(".incoming"))) {
                return files.findAny().isEmpty();
            }
        });
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
