package org.nodeim.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nodeim.testing.Multipart;

class MultipartReaderTest {

    private record Received(String filename, String contentType, byte[] content) {
    }

    private static Optional<Received> read(String contentType, byte[] body) throws IOException {
        return read(contentType, new ByteArrayInputStream(body));
    }

    /** The first file of the body, if any. */
    private static Optional<Received> read(String contentType, InputStream body) throws IOException {
        return readAll(contentType, body, 10).stream().findFirst();
    }

    private static List<Received> readAll(String contentType, InputStream body, int maxFiles) throws IOException {
        return MultipartReader.readFiles(body, contentType, "file", maxFiles,
                (filename, type, content) -> filename.isEmpty() ? null : new Received(filename, type, content.readAllBytes()));
    }

    @Test
    void everyFileOfTheFieldIsReadInOrderAndThoseTheReceiverLeavesOutAreNot() throws IOException {
        String body = "--b\r\nContent-Disposition: form-data; name=file; filename=\"a.txt\"\r\n\r\nAAA\r\n"
                + "--b\r\nContent-Disposition: form-data; name=note\r\n\r\nnot a file\r\n"
                + "--b\r\nContent-Disposition: form-data; name=file; filename=\"\"\r\n\r\n\r\n"
                + "--b\r\nContent-Disposition: form-data; name=file; filename=\"b.txt\"\r\nContent-Type: text/plain\r\n\r\nBB\r\n"
                + "--b--\r\n";
        List<Received> files = readAll("multipart/form-data; boundary=b", new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 3);
        assertThat(files).extracting(Received::filename).containsExactly("a.txt", "b.txt");
        assertThat(files.get(0).content()).isEqualTo("AAA".getBytes(StandardCharsets.UTF_8));
        assertThat(files.get(1).content()).isEqualTo("BB".getBytes(StandardCharsets.UTF_8));
        assertThat(files.get(1).contentType()).isEqualTo("text/plain");
    }

    @Test
    void moreFilesThanAllowedAre413() {
        String part = "--b\r\nContent-Disposition: form-data; name=file; filename=\"f\"\r\n\r\nx\r\n";
        byte[] body = (part.repeat(3) + "--b--\r\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> readAll("multipart/form-data; boundary=b", new ByteArrayInputStream(body), 2))
                .isInstanceOfSatisfying(UploadRefused.class, refused -> assertThat(refused.status()).isEqualTo(413))
                .hasMessageContaining("at most 2 files");
    }

    @Test
    void readsTheFileAsSentWhateverItsBytes() throws IOException {
        var content = new byte[300_000];
        new Random(1).nextBytes(content);
        var multipart = Multipart.file("photo.jpg", "image/jpeg", content);
        Received received = read(multipart.contentType(), multipart.body()).orElseThrow();
        assertThat(received.filename()).isEqualTo("photo.jpg");
        assertThat(received.contentType()).isEqualTo("image/jpeg");
        assertThat(received.content()).isEqualTo(content);
    }

    @Test
    void contentThatLooksLikeTheDelimiterIsKept() throws IOException {
        String boundary = "XyZ";
        byte[] content = "a\r\n--XyY b\r\n--Xy\r\n-\r\n--X".getBytes(StandardCharsets.ISO_8859_1);
        String body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\Users\\ann\\a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + new String(content, StandardCharsets.ISO_8859_1) + "\r\n--XyZ--\r\nepilogue";
        Received received = read("multipart/form-data; boundary=\"" + boundary + "\"", body.getBytes(StandardCharsets.ISO_8859_1))
                .orElseThrow();
        assertThat(received.content()).isEqualTo(content);
        assertThat(received.filename()).isEqualTo("C:\\Users\\ann\\a.txt");
    }

    @Test
    void utf8AndExtendedFilenames() throws IOException {
        var multipart = Multipart.file("\u5c65\u6b74\u66f8 \"x\".txt", "text/plain", new byte[] {1});
        assertThat(read(multipart.contentType(), multipart.body()).orElseThrow().filename()).isEqualTo("\u5c65\u6b74\u66f8 %22x%22.txt");
        String body = "--b\r\nContent-Disposition: form-data; name=file; filename=\"fallback.txt\"; filename*=UTF-8''%C3%A9t%C3%A9.txt\r\n\r\nx\r\n--b--\r\n";
        assertThat(read("multipart/form-data; boundary=b", body.getBytes(StandardCharsets.UTF_8)).orElseThrow().filename())
                .isEqualTo("\u00e9t\u00e9.txt");
    }

    @Test
    void noFileFieldIsEmpty() throws IOException {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nnot a file\r\n--b--\r\n";
        assertThat(read("multipart/form-data; boundary=b", body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aTruncatedBodyFails() {
        var multipart = Multipart.file("a.bin", "application/octet-stream", new byte[10_000]);
        byte[] cut = Arrays.copyOf(multipart.body(), 5_000);
        assertThatThrownBy(() -> read(multipart.contentType(), cut)).isInstanceOf(IOException.class);
    }

    @Test
    void otherBodiesAreRefused() {
        assertThatThrownBy(() -> read("application/json", new byte[0])).isInstanceOf(UploadRefused.class);
        assertThatThrownBy(() -> read("multipart/form-data", new byte[0])).isInstanceOf(UploadRefused.class);
        assertThatThrownBy(() -> read("multipart/form-data; boundary=b", "--b\r\nno blank line".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        String garbage = "--b" + "x".repeat(100);
        assertThatThrownBy(() -> read("multipart/form-data; boundary=b", garbage.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UploadRefused.class);
    }
}
