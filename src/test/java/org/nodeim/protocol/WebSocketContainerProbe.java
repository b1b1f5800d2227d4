package org.nodeim.protocol;

import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.nodeim.json.JsonFactory;

/**
 * Test-only: tells what nodeim changed in the WebSocket container, as JSON {@code {replaced,
 * scheduler, timersPending, defaultIdleTimeout, writeBufferBytes, parameterBufferChars,
 * parameters, headerFields, headerEncodingBytes, handshakeCopy}}: what its idle timers run on
 * (the timers pending are those of open sessions, each keeps one idle timer, due when its idle
 * time is up), the response buffer the first WebSocket handshake got (0 before any), the
 * characters of the parameter parser, the parameters in the servlet API's map, the header fields
 * and the bytes of header encoding buffers the first upgraded handshake kept (-1 each where they
 * were not found, -2 before any), and what became of the WebSocket layer's copy of the first
 * opened connection's handshake.
 */
@WebServlet("/test/websocket-container")
public class WebSocketContainerProbe extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var context = request.getServletContext();
        ScheduledExecutorService scheduler = WebSocketTimers.schedulerOf(
                context.getAttribute(WebSocketTimers.SERVER_CONTAINER)).orElse(null);
        var answer = JsonFactory.objectBuilder()
                .add("replaced", Boolean.TRUE.equals(context.getAttribute(WebSocketTimers.REPLACED_ATTRIBUTE)))
                .add("scheduler", scheduler == null ? "" : scheduler.getClass().getName())
                .add("timersPending", scheduler instanceof ThreadPoolExecutor pool ? pool.getQueue().size() : -1)
                .add("defaultIdleTimeout", context.getAttribute(WebSocketTimers.SERVER_CONTAINER)
                        instanceof ServerContainer server ? server.getDefaultMaxSessionIdleTimeout() : -1)
                .add("writeBufferBytes", context.getAttribute(WebSocketWriteBuffer.BYTES_ATTRIBUTE) instanceof Integer bytes ? bytes : 0)
                .add("parameterBufferChars", keptByTheFirstHandshake(context, UpgradedHandshake.CHARS_ATTRIBUTE))
                .add("parameters", keptByTheFirstHandshake(context, UpgradedHandshake.PARAMETERS_ATTRIBUTE))
                .add("headerFields", keptByTheFirstHandshake(context, UpgradedHandshake.HEADER_FIELDS_ATTRIBUTE))
                .add("headerEncodingBytes", keptByTheFirstHandshake(context, UpgradedHandshake.ENCODING_BYTES_ATTRIBUTE))
                .add("handshakeCopy", HandshakeCopy.outcome().name());
        response.setContentType("application/json");
        response.getWriter().write(answer.build().toString());
    }

    /** What the first upgraded handshake kept by that attribute of {@link UpgradedHandshake}; -2 before any. */
    private static int keptByTheFirstHandshake(ServletContext context, String attribute) {
        return context.getAttribute(attribute) instanceof Integer kept ? kept : -2;
    }
}
