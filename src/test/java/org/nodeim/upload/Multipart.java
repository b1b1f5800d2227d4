package org.nodeim.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body with one file, written the way browsers write it. */
record Multipart(String boundary, byte[] body) {

    static Multipart file(String filename, String contentType, byte[] content) {
        String boundary = "----nodeim" + UUID.randomUUID().toString().replace("-", "");
        String escaped = filename.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        var body = new ByteArrayOutputStream(content.length + 512);
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + escaped + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(boundary, body.toByteArray());
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }
}
