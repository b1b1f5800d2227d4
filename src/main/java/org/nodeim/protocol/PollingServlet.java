package org.nodeim.protocol;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.session.ClientAddresses;

/**
 * The Engine.IO HTTP long-polling transport at {@code /socket.io/} (exactly: the client bundle
 * below it stays a static file). A GET without {@code sid} opens a session; a GET with one is
 * held asynchronously until the session has frames for the client; a POST carries a batch of
 * packets from the client. A thin adapter: the rules live in {@link EngineSession} and
 * {@link PollingTransport}.
 */
@WebServlet(urlPatterns = "/socket.io/", asyncSupported = true)
public class PollingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PollingServlet.class.getName());

    @Inject
    protected transient EngineSessions sessions;

    @Inject
    protected transient ProtocolSettings settings;

    @Inject
    transient ClientAddresses addresses;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> query = query(request.getQueryString());
        String transport = query.get("transport");
        if (!"polling".equals(transport)) {
            refuse(response, "websocket".equals(transport) ? EngineError.BAD_REQUEST : EngineError.UNKNOWN_TRANSPORT);
            return;
        }
        String sid = query.get("sid");
        if (sid == null) {
            handshake(request, response, query);
            return;
        }
        var found = sessions.find(sid);
        if (found.isEmpty()) {
            refuse(response, EngineError.UNKNOWN_SID);
            return;
        }
        EngineSession session = found.get();
        session.expireIfPongOverdue();
        if (!(session.currentTransport() instanceof PollingTransport polling)) {
            refuse(response, EngineError.BAD_REQUEST);
            return;
        }
        switch (request.getMethod()) {
            case "GET" -> poll(request, response, session, polling);
            case "POST" -> {
                if (session.isClosed()) {
                    refuse(response, EngineError.UNKNOWN_SID);
                } else {
                    receive(request, response, session, polling);
                }
            }
            default -> refuse(response, EngineError.BAD_REQUEST);
        }
    }

    private void handshake(HttpServletRequest request, HttpServletResponse response, Map<String, String> query)
            throws IOException {
        if (!"GET".equals(request.getMethod())) {
            refuse(response, EngineError.BAD_HANDSHAKE_METHOD);
            return;
        }
        if (!"4".equals(query.get("EIO"))) {
            refuse(response, EngineError.UNSUPPORTED_PROTOCOL_VERSION);
            return;
        }
        var polling = new PollingTransport(settings.pingInterval() + settings.pingTimeout());
        poll(request, response, open(addresses.of(request), polling), polling);
    }

    /** Opens the session that a handshake asks for, on its polling transport. */
    protected EngineSession open(String remoteAddress, Transport polling) {
        return sessions.open(remoteAddress, polling, true);
    }

    /**
     * A GET: answered at once when frames are queued, else held. A second one at a time is
     * refused and closes the session.
     */
    private static void poll(HttpServletRequest request, HttpServletResponse response, EngineSession session,
                             PollingTransport polling) throws IOException {
        var answer = polling.poll(request, session);
        if (answer != PollingTransport.Answer.HELD) {
            answer(response, answer, session);
        }
    }

    /** Writes frames as the response to a poll, then runs what waited for them to be written. */
    static void answer(HttpServletResponse response, PollingTransport.Answer answer, EngineSession session)
            throws IOException {
        if (answer == null) {
            return;
        }
        if (answer.error() != null) {
            refuse(response, answer.error());
            return;
        }
        byte[] body = PollingPayload.encode(answer.frames());
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "poll response not written", e);
            if (session != null) {
                session.close("transport error");
            }
            return;
        }
        answer.onWritten().forEach(Runnable::run);
    }

    /** A POST: a batch of packets, at most {@code maxPayload} bytes, one POST at a time. */
    private void receive(HttpServletRequest request, HttpServletResponse response, EngineSession session,
                         PollingTransport polling) throws IOException {
        int maxPayload = settings.maxPayload();
        if ("application/octet-stream".equals(request.getContentType()) || !polling.startReceiving()) {
            refuse(response, EngineError.BAD_REQUEST);
            session.close("bad request");
            return;
        }
        try {
            byte[] body;
            try {
                body = request.getInputStream().readNBytes(maxPayload + 1);
            } catch (IOException e) {
                // the client stopped sending before the end of its body: the server's read timed out
                LOG.log(Level.FINE, "{0}: incomplete POST: {1}", new Object[] {session.id(), e});
                refuse(response, EngineError.BAD_REQUEST);
                session.close("transport error");
                return;
            }
            if (body.length > maxPayload) {
                response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                session.close("payload too large");
                return;
            }
            if (!deliver(session, new String(body, StandardCharsets.UTF_8))) {
                refuse(response, EngineError.BAD_REQUEST);
                return;
            }
        } finally {
            polling.endReceiving();
        }
        response.setContentType("text/html");
        response.getWriter().write("ok");
    }

    /** Hands each packet of a batch to the session; false when one broke the rules. */
    private static boolean deliver(EngineSession session, String body) {
        List<Object> frames;
        try {
            frames = PollingPayload.decode(body);
        } catch (ProtocolException e) {
            session.close("parse error");
            return false;
        }
        session.receiving().lock();
        try {
            for (Object frame : frames) {
                if (frame instanceof byte[] binary) {
                    session.receive(binary);
                } else if (!session.receive((String) frame)) {
                    return false;
                }
            }
            return true;
        } finally {
            session.receiving().unlock();
        }
    }

    private static void refuse(HttpServletResponse response, EngineError error) throws IOException {
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.getWriter().write(error.body());
    }

    private static Map<String, String> query(String queryString) {
        var parameters = new HashMap<String, String>();
        if (queryString == null) {
            return parameters;
        }
        for (String pair : queryString.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.FINE, "malformed query parameter ignored: {0}", pair);
            }
        }
        return parameters;
    }
}
