package org.nodeim.protocol;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
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
 * Releases the two scratch buffers of the query-string parser of a WebSocket handshake once the
 * connection is upgraded: 4 KB of each connection's heap on Payara.
 *
 * <p>Payara keeps a WebSocket connection's HTTP request for as long as the connection lives (its
 * frames are read and written through it), and with it the request's parameter parser, which
 * allocates two buffers of 1,024 characters up front to decode names and values. Parameters are
 * parsed during the handshake, never after, so once the container has upgraded the connection
 * this filter gives both buffers an empty array (Grizzly's {@code Parameters}, reached by reflection
 * through Catalina's facade and public getters; the buffer grows again if that request object is
 * ever reused for a request with parameters). On another server, or when those classes change, it
 * leaves the request alone. The first upgraded handshake tells in the log and in the servlet
 * context ({@value #CHARS_ATTRIBUTE}) the characters its buffers hold afterwards.
 */
@WebFilter(urlPatterns = "/socket.io/", asyncSupported = true)
public class HandshakeParameterBuffers extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(HandshakeParameterBuffers.class.getName());

    /** The servlet context attribute with the characters the first upgraded handshake's buffers hold afterwards ({@code Integer}). */
    public static final String CHARS_ATTRIBUTE = HandshakeParameterBuffers.class.getName() + ".chars";

    private static final char[] EMPTY = new char[0];

    private static final String[] SCRATCH_BUFFERS = {"tmpNameC", "tmpValueC"};

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            int left = release(request);
            if (TOLD.compareAndSet(false, true)) {
                request.getServletContext().setAttribute(CHARS_ATTRIBUTE, left);
                if (left == 0) {
                    LOG.info("the parameter parser's scratch buffers of upgraded WebSocket handshakes are released");
                } else {
                    LOG.info(() -> "the parameter parser's scratch buffers of upgraded WebSocket handshakes are kept ("
                            + (left < 0 ? "not found in this container" : left + " characters") + ")");
                }
            }
        }
    }

    /** How the parser of the container's request is reached, once found (the same classes for every handshake). */
    private record Path(Class<?> facade, Method catalina, Method grizzly, Method parameters, Field[] buffers,
            Method setChars, Method getBuffer) {
    }

    private static volatile Path path;

    /** Gives the scratch buffers an empty array; the characters they hold afterwards, or -1 when they were not found. */
    private static int release(ServletRequest request) {
        ServletRequest facade = request;
        while (facade instanceof ServletRequestWrapper wrapper) {
            facade = wrapper.getRequest();
        }
        try {
            Path known = path;
            if (known == null || known.facade() != facade.getClass()) {
                known = find(facade);
                path = known;
            }
            Object parameters = known.parameters().invoke(known.grizzly().invoke(known.catalina().invoke(facade)));
            int left = 0;
            for (Field buffer : known.buffers()) {
                Object chunk = buffer.get(parameters);
                known.setChars().invoke(chunk, EMPTY, 0, 0);
                left += ((char[]) known.getBuffer().invoke(chunk)).length;
            }
            return left;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!TOLD.get()) {
                LOG.log(Level.FINE, "the parameter parser's scratch buffers could not be released", e);
            }
            return -1;
        }
    }

    /** Catalina's facade gives its request, which gives Grizzly's, which gives its parameter parser. */
    private static Path find(ServletRequest facade) throws ReflectiveOperationException {
        Method catalina = facade.getClass().getMethod("getUnwrappedCoyoteRequest");
        Method grizzly = catalina.getReturnType().getMethod("getCoyoteRequest");
        Method parameters = grizzly.getReturnType().getMethod("getParameters");
        Class<?> parser = parameters.getReturnType();
        Field[] buffers = new Field[SCRATCH_BUFFERS.length];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = parser.getDeclaredField(SCRATCH_BUFFERS[i]);
            buffers[i].setAccessible(true);
        }
        Class<?> chunk = buffers[0].getType();
        return new Path(facade.getClass(), catalina, grizzly, parameters, buffers,
                chunk.getMethod("setChars", char[].class, int.class, int.class), chunk.getMethod("getBuffer"));
    }
}
