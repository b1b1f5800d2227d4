package org.nodeim.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private record Received(String filename, String contentType, byte[] content) {
    }

    private static Optional<Received> read(String contentType, byte[] body) throws IOException {
        return read(contentType, new ByteArrayInputStream(body));
    }

    private static Optional<Received> read(String contentType, InputStream body) throws IOException {
        return MultipartReader.readFile(body, contentType, "file",
                (filename, type, content) -> new Received(filename, type, content.readAllBytes()));
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
