package org.nodeim.protocol;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shrinks the response buffer of a WebSocket handshake, so that the frames of the connection
 * are not each copied into a freshly allocated buffer of the response's size.
 *
 * <p>Tyrus writes every frame through the output stream of the upgraded request, and flushes it
 * frame by frame. On Payara, that stream copies a write shorter than the response's buffer (8 KB
 * by default) into a new buffer of that size at each flush: 8 KB allocated for an answer of 60
 * bytes, about a third of all the memory the server allocates per message. Payara only ever
 * grows a buffer through {@link HttpServletResponse#setBufferSize}, so where asking does not
 * work this filter sets the size on the container's own response (Grizzly's, reached by
 * reflection through Catalina's facade; Grizzly keeps at least 512 bytes): frames shorter than
 * that are copied into a buffer of that size, longer ones are written from Tyrus's array as they
 * are. On another server, or when those classes change, it leaves the response alone. The first
 * handshake tells in the log and in the servlet context ({@value #BYTES_ATTRIBUTE}) the size it
 * got; every later one gets the same.
 */
@WebFilter(urlPatterns = "/socket.io/", asyncSupported = true)
public class WebSocketWriteBuffer extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(WebSocketWriteBuffer.class.getName());

    /** Asked for: shorter than any Socket.IO event or answer frame. */
    static final int BUFFER_BYTES = 16;

    /** Above this, the buffer counts as not shrunk (Grizzly's own minimum). */
    static final int SHRUNK_BYTES = 512;

    /** The servlet context attribute with the buffer size the first WebSocket handshake got ({@code Integer}). */
    public static final String BYTES_ATTRIBUTE = WebSocketWriteBuffer.class.getName() + ".bytes";

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && !response.isCommitted()) {
            response.setBufferSize(BUFFER_BYTES);
            if (response.getBufferSize() > SHRUNK_BYTES) {
                shrinkInTheContainer(response);
            }
            if (TOLD.compareAndSet(false, true)) {
                int bytes = response.getBufferSize();
                request.getServletContext().setAttribute(BYTES_ATTRIBUTE, bytes);
                if (bytes <= SHRUNK_BYTES) {
                    LOG.info(() -> "WebSocket frames are written through a response buffer of " + bytes + " bytes");
                } else {
                    LOG.warning(() -> "WebSocket frames are written through a response buffer of " + bytes
                            + " bytes: each frame shorter than that is copied into a new buffer of that size");
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** How the container's response is reached, once found (the same classes for every handshake). */
    private record Path(Class<?> facade, Field container, Method grizzly, Method setSize) {
    }

    private static volatile Path path;

    /** Catalina's facade keeps the container's response in a field; that one has Grizzly's, which takes any size. */
    private static void shrinkInTheContainer(HttpServletResponse response) {
        try {
            Path known = path;
            if (known == null || known.facade() != response.getClass()) {
                Field container = ContainerFields.find(response.getClass(), "response");
                Method grizzly = container.get(response).getClass().getMethod("getCoyoteResponse");
                Method setSize = grizzly.getReturnType().getMethod("setBufferSize", int.class);
                known = new Path(response.getClass(), container, grizzly, setSize);
                path = known;
            }
            known.setSize().invoke(known.grizzly().invoke(known.container().get(response)), BUFFER_BYTES);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!TOLD.get()) {
                LOG.log(Level.FINE, "the container's response buffer could not be shrunk", e);
            }
        }
    }
}
