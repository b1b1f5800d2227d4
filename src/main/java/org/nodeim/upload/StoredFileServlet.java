package org.nodeim.upload;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves stored files at {@code /nodeim-server/files/ID}: their content type, never sniffed,
 * no active content, shown in place only for images (not SVG), audio, video and plain text,
 * a download otherwise; ranges and revalidation by {@code ETag} (the SHA-256 of the bytes).
 */
@WebServlet(name = "nodeim-stored-files", urlPatterns = UploadPaths.FILES + "*")
public class StoredFileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(StoredFileServlet.class.getName());

    @EJB
    transient UploadService uploads;

    @Inject
    transient FileStore store;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Optional<StoredFile> found = path == null ? Optional.empty() : uploads.find(path.substring(1));
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        StoredFile file = found.get();
        String etag = "\"" + file.sha256() + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "private, max-age=31536000, immutable");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        if (matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(file.contentType());
        response.setHeader("Content-Disposition",
                FileNames.contentDisposition(ContentTypes.isInline(file.contentType()), file.originalName()));
        String ifRange = request.getHeader("If-Range");
        Optional<ByteRange> range = ifRange == null || ifRange.strip().equals(etag)
                ? ByteRange.parse(request.getHeader("Range"), file.size()) : Optional.empty();
        if (range.isPresent() && range.get() == ByteRange.UNSATISFIABLE) {
            response.setHeader("Content-Range", "bytes */" + file.size());
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setContentLength(0);
            return;
        }
        ByteRange part = range.orElse(new ByteRange(0, file.size() - 1));
        if (range.isPresent()) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + file.size());
        }
        response.setContentLengthLong(part.length());
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        send(store.pathOf(file.id()), part, response);
    }

    private static void send(Path path, ByteRange part, HttpServletResponse response) throws IOException {
        try (FileChannel channel = FileChannel.open(path)) {
            channel.position(part.first());
            InputStream in = Channels.newInputStream(channel);
            OutputStream out = response.getOutputStream();
            var buffer = new byte[64 * 1024];
            long left = part.length();
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("stored file shorter than recorded: " + path);
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        } catch (NoSuchFileException e) {
            LOG.log(Level.WARNING, "stored file missing: " + path);
            if (!response.isCommitted()) {
                response.reset();
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }
    }

    /** Whether an {@code If-None-Match} header matches the entity tag (weak comparison). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
