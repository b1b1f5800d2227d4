package org.nodeim.upload;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.nodeim.command.Arguments;
import org.nodeim.json.JsonFactory;
import org.nodeim.metrics.Meters;
import org.nodeim.metrics.Meters.Counter;
import org.nodeim.metrics.Meters.Name;
import org.nodeim.metrics.Meters.Unit;
import org.nodeim.session.SessionRegistry;
import org.nodeim.upload.UploadPage.Notice;

/**
 * The upload form at {@code /nodeim-server/upload?user=ID&ticket=T}: {@code GET} shows it,
 * {@code POST} stores the files of its {@code file} field (several at once, up to a limit) and
 * tells the user's connections, one {@code upload} event a file.
 * The ticket is checked before any of the body is read; without a valid one, 403. The body is
 * parsed by the container's multipart support as it arrives, so that the limits hold while it
 * comes in; a refused or broken upload leaves nothing behind ({@link IncomingUploads}).
 */
public class UploadFormServlet extends HttpServlet {

    /** The servlet's name, as {@link UploadFormRegistration} registers it. */
    static final String NAME = "nodeim-upload-form";

    /** The form's field of files. */
    private static final String FIELD = "file";

    private static final Logger LOG = Logger.getLogger(UploadFormServlet.class.getName());

    private static final long serialVersionUID = 1L;

    private static final Name UPLOADED_BYTES = new Name("nodeim.upload", "Bytes of the files stored through the upload form", Unit.BYTES);

    /** Room for the multipart framing around the files of a request. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    /**
     * The most bytes of a refused request read and dropped, so that the client sees the
     * answer; past that the connection is closed instead.
     */
    private static final long MAX_DRAINED = 32L * 1024 * 1024;

    private final transient UploadService uploads;
    private final transient FileStore store;
    private final transient UploadSettings settings;
    private final transient SessionRegistry registry;
    private final transient UploadPaths paths;
    private final transient Meters metrics;
    private final transient IncomingUploads incoming;

    /** Made by {@link UploadFormRegistration}, which has these injected. */
    UploadFormServlet(UploadService uploads, FileStore store, UploadSettings settings, SessionRegistry registry,
            UploadPaths paths, Meters metrics, IncomingUploads incoming) {
        this.uploads = uploads;
        this.store = store;
        this.settings = settings;
        this.registry = registry;
        this.paths = paths;
        this.metrics = metrics;
        this.incoming = incoming;
    }

    /** The user and ticket of a request, from its query string only (never from the body). */
    private record Holder(long userId, String ticket) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Holder> holder = admitted(request);
        if (holder.isEmpty()) {
            send(response, HttpServletResponse.SC_FORBIDDEN, refusedPage());
            return;
        }
        send(response, HttpServletResponse.SC_OK, formPage(action(holder.get()), Optional.empty()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Holder> holder = admitted(request);
        if (holder.isEmpty()) {
            drain(request, response);
            send(response, HttpServletResponse.SC_FORBIDDEN, refusedPage());
            return;
        }
        String action = action(holder.get());
        try {
            List<StoredFile> files = receive(request, holder.get().userId());
            Counter uploaded = metrics.counter(UPLOADED_BYTES);
            for (StoredFile file : files) {
                uploaded.inc(file.size());
                registry.sendTo(file.ownerId(), "upload", JsonFactory.objectBuilder()
                        .add("url", paths.file(file.id())).add("filename", file.originalName()).build());
            }
            String names = files.stream().map(file -> "\u201c" + file.originalName() + "\u201d").collect(Collectors.joining(", "));
            send(response, HttpServletResponse.SC_OK, formPage(action, Optional.of(new Notice(false, "Uploaded " + names + "."))));
        } catch (UploadRefused refused) {
            drain(request, response);
            send(response, refused.status(), formPage(action, Optional.of(new Notice(true, refused.getMessage()))));
        } catch (IOException incomplete) {
            // the body ended before its declared length or stalled: nothing was kept
            response.setHeader("Connection", "close");
            try {
                send(response, HttpServletResponse.SC_BAD_REQUEST, formPage(action,
                        Optional.of(new Notice(true, "The upload was incomplete; try again."))));
            } catch (IOException gone) {
                LOG.log(Level.FINE, "the client of an incomplete upload is gone", gone);
            }
        }
    }

    /**
     * Receives the files of a post into the store and records them: all of them, or none (a
     * refusal or failure of one discards those received before it). The container parses the
     * body into parts, each written to {@code .incoming/} as it arrives and refused there once
     * over the limit ({@link UploadFormRegistration}); they are deleted before the answer.
     *
     * @throws UploadRefused 413 over the size limit, the number of files or the quota (checked
     *                       on the declared length first, then on the bytes received), 400
     *                       without a file or for a body that is not multipart/form-data
     * @throws IOException   when the body ends early or cannot be read
     */
    private List<StoredFile> receive(HttpServletRequest request, long userId) throws IOException {
        long maxFileSize = settings.maxFileSize();
        int maxFiles = settings.maxFilesPerRequest();
        long declared = request.getContentLengthLong();
        if (declared > maxRequestSize(settings)) {
            throw FileStore.tooLarge(maxFileSize);
        }
        long used = uploads.bytesStored(userId);
        if (declared - MULTIPART_OVERHEAD > settings.quota() - used) {
            throw uploads.overQuota(used);
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new UploadRefused(HttpServletResponse.SC_BAD_REQUEST, "Send the file as multipart/form-data.");
        }
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name()); // how browsers send the names of files
        }
        incoming.started();
        boolean broken = true;
        Collection<Part> parts = List.of();
        try {
            parts = parts(request, maxFileSize);
            broken = false;
            return store(parts, userId, maxFiles);
        } finally {
            parts.forEach(UploadFormServlet::deleteQuietly);
            incoming.ended(broken);
        }
    }

    /** The parts of the body, as the container parsed them. */
    private static Collection<Part> parts(HttpServletRequest request, long maxFileSize) throws IOException {
        try {
            return request.getParts();
        } catch (IllegalStateException overTheLimit) {
            throw FileStore.tooLarge(maxFileSize);
        } catch (ServletException malformed) {
            throw new UploadRefused(HttpServletResponse.SC_BAD_REQUEST, "The upload was not a well-formed multipart/form-data body.");
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException incomplete) {
                throw incomplete;
            }
            throw e;
        }
    }

    private List<StoredFile> store(Collection<Part> parts, long userId, int maxFiles) throws IOException {
        List<Part> sent = parts.stream().filter(part -> FIELD.equals(part.getName()) && part.getSubmittedFileName() != null).toList();
        if (sent.size() > maxFiles) {
            throw new UploadRefused(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Send at most " + maxFiles + (maxFiles == 1 ? " file" : " files") + " at once.");
        }
        var kept = new ArrayList<String>();
        var files = new ArrayList<StoredFile>();
        try {
            for (Part part : sent) {
                String filename = part.getSubmittedFileName();
                try (FileStore.Incoming received = store.receive(part)) {
                    if (filename.isEmpty() && received.size() == 0) {
                        continue; // a file input left empty
                    }
                    String id = Tokens.newFileId();
                    store.keep(received, id);
                    try {
                        files.add(uploads.record(userId, id, filename, received.size(), part.getContentType(), received.sha256()));
                        kept.add(id);
                    } catch (RuntimeException e) {
                        store.delete(id);
                        throw e;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!kept.isEmpty()) {
                uploads.discard(kept);
            }
            throw e;
        }
        if (files.isEmpty()) {
            throw noFile();
        }
        return files;
    }

    /** The largest body accepted: the most files of the largest size, and room for the framing around them. */
    static long maxRequestSize(UploadSettings settings) {
        return settings.maxFilesPerRequest() * settings.maxFileSize() + MULTIPART_OVERHEAD;
    }

    private static UploadRefused noFile() {
        return new UploadRefused(HttpServletResponse.SC_BAD_REQUEST, "Choose a file to upload.");
    }

    private static void deleteQuietly(Part part) {
        try {
            part.delete();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete a part of an upload", e);
        }
    }

    /**
     * Reads and drops what is left of a refused request, so that the client, still sending,
     * gets to read the answer; a request too large for that gets its connection closed.
     */
    private static void drain(HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLengthLong() > MAX_DRAINED) {
            response.setHeader("Connection", "close");
            return;
        }
        try {
            InputStream body = request.getInputStream();
            var scratch = new byte[64 * 1024];
            long drained = 0;
            for (int n; drained <= MAX_DRAINED && (n = body.read(scratch)) >= 0; ) {
                drained += n;
            }
            if (drained > MAX_DRAINED) {
                response.setHeader("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            response.setHeader("Connection", "close");
        }
    }

    private Optional<Holder> admitted(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.length() > 200) {
            return Optional.empty();
        }
        String user = null;
        String ticket = null;
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            String value;
            try {
                value = nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "";
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (nameValue[0].equals("user") && user == null) {
                user = value;
            } else if (nameValue[0].equals("ticket") && ticket == null) {
                ticket = value;
            }
        }
        OptionalLong userId = Arguments.id(user == null ? null : JsonFactory.string(user));
        if (userId.isEmpty() || !uploads.admits(userId.getAsLong(), ticket)) {
            return Optional.empty();
        }
        return Optional.of(new Holder(userId.getAsLong(), ticket));
    }

    private String action(Holder holder) {
        return paths.form(holder.userId(), holder.ticket());
    }

    private String formPage(String action, Optional<Notice> notice) {
        return UploadPage.form(action, notice, settings.maxFileSize(), settings.maxFilesPerRequest());
    }

    private static String refusedPage() {
        return UploadPage.refused("This upload link is not valid (any more). Ask your client for a new one.");
    }

    private void send(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", UploadPage.contentSecurityPolicy(settings.frameAncestors()));
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
