package org.nodeim.conformance;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.nodeim.protocol.EngineSession;
import org.nodeim.protocol.PollingServlet;
import org.nodeim.protocol.Transport;

/**
 * The long-polling transport of the bare Engine.IO server of conformance mode at
 * {@code /engine.io/}: the rules of {@code /socket.io/}, with every message sent back as it
 * came. Outside conformance mode it answers 404.
 */
@WebServlet(urlPatterns = "/engine.io/", asyncSupported = true)
public class EngineEchoServlet extends PollingServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!settings.conformance()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        super.service(request, response);
    }

    @Override
    protected EngineSession open(String remoteAddress, Transport polling) {
        return sessions.open(remoteAddress, polling, true, new EngineEcho());
    }
}
