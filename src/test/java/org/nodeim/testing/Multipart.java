package org.nodeim.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A {@code multipart/form-data} body with files in the field {@code file}, written the way browsers write it. */
public record Multipart(String boundary, byte[] body) {

    /** One file of the body. */
    public record Part(String filename, String contentType, byte[] content) {
    }

    public static Multipart file(String filename, String contentType, byte[] content) {
        return files(List.of(new Part(filename, contentType, content)));
    }

    public static Multipart files(List<Part> parts) {
        String boundary = "----nodeim" + UUID.randomUUID().toString().replace("-", "");
        var body = new ByteArrayOutputStream(parts.stream().mapToInt(part -> part.content().length + 256).sum() + 64);
        for (Part part : parts) {
            String escaped = part.filename().replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
            body.writeBytes(("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"" + escaped + "\"\r\n"
                    + "Content-Type: " + part.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(boundary, body.toByteArray());
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Posts this body to a path of the server: the upload form's, typically. */
    public HttpResponse<String> postTo(URL base, String path) {
        var request = HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve(path))
                .header("Content-Type", contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
