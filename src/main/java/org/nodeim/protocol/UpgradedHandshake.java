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
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Releases what Payara keeps of a WebSocket handshake once the connection is upgraded and no
 * longer needs: the query-string parser's two scratch buffers, the parameters (parsed, and the
 * servlet API's map of them), and the header fields and header encoding buffers of the request
 * and of the response: about 10 KB of each connection's heap.
 *
 * <p>Payara keeps a WebSocket connection's HTTP request and response for as long as the
 * connection lives (its frames are read and written through them). The request's parameter
 * parser allocates two buffers of 1,024 characters up front to decode names and values, and
 * the parameters are kept twice: parsed, and in the servlet API's map. Each header field keeps a
 * name and a value with their byte, buffer and char chunks, and the request and the response
 * each keep a buffer of 512 bytes for encoding header fields. Parameters and headers are read
 * during the handshake and header fields are encoded with the 101 answer, never after (the
 * WebSocket layer copied what it needs). So once the container has upgraded the connection, this
 * filter gives both scratch buffers an empty array, recycles the parsed parameters and empties
 * the map; once the 101 answer is written, it recycles the header lists, gives each a one-slot
 * array and drops both encoding buffers. Those are Grizzly's {@code Parameters}, {@code
 * MimeHeaders} and {@code HttpHeader} and Catalina's {@code ParameterMap}, reached by reflection
 * through Catalina's facade and public getters; if a request object is reused for another
 * request, its header lists grow again and Grizzly encodes without a buffer of its own. On
 * another server, or when those classes change, it leaves the request alone. The first upgraded
 * handshake tells in the log and in the servlet context ({@value #CHARS_ATTRIBUTE}, {@value
 * #PARAMETERS_ATTRIBUTE}, {@value #HEADER_FIELDS_ATTRIBUTE}, {@value #ENCODING_BYTES_ATTRIBUTE})
 * what it kept afterwards.
 */
@WebFilter(urlPatterns = "/socket.io/", asyncSupported = true)
public class UpgradedHandshake extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(UpgradedHandshake.class.getName());

    /** The servlet context attribute with the characters the first upgraded handshake's buffers hold afterwards ({@code Integer}). */
    public static final String CHARS_ATTRIBUTE = UpgradedHandshake.class.getName() + ".chars";

    /** The servlet context attribute with the parameters in the map of the first upgraded handshake afterwards ({@code Integer}). */
    public static final String PARAMETERS_ATTRIBUTE = UpgradedHandshake.class.getName() + ".parameters";

    /** The servlet context attribute with the header fields the first upgraded handshake keeps afterwards ({@code Integer}). */
    public static final String HEADER_FIELDS_ATTRIBUTE = UpgradedHandshake.class.getName() + ".header-fields";

    /** The servlet context attribute with the bytes of header encoding buffers the first upgraded handshake keeps afterwards ({@code Integer}). */
    public static final String ENCODING_BYTES_ATTRIBUTE = UpgradedHandshake.class.getName() + ".encoding-bytes";

    private static final char[] EMPTY = new char[0];

    private static final String[] SCRATCH_BUFFERS = {"tmpNameC", "tmpValueC"};

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            Kept kept = release(request, response.isCommitted());
            if (TOLD.compareAndSet(false, true)) {
                request.getServletContext().setAttribute(CHARS_ATTRIBUTE, kept.chars());
                request.getServletContext().setAttribute(PARAMETERS_ATTRIBUTE, kept.parameters());
                request.getServletContext().setAttribute(HEADER_FIELDS_ATTRIBUTE, kept.headerFields());
                request.getServletContext().setAttribute(ENCODING_BYTES_ATTRIBUTE, kept.encodingBytes());
                if (kept.equals(Kept.NOTHING)) {
                    LOG.info("the parameter buffers, parameters, header fields and encoding buffers of upgraded WebSocket"
                            + " handshakes are released");
                } else {
                    LOG.info(() -> "the parameter buffers, parameters, header fields and encoding buffers of upgraded"
                            + " WebSocket handshakes are kept (" + (kept.equals(Kept.UNKNOWN) ? "not found in this container"
                                    : kept.chars() + " characters, " + kept.parameters() + " parameters, "
                                            + kept.headerFields() + " header fields, " + kept.encodingBytes() + " bytes")
                            + ")");
                }
            }
        }
    }

    /** What a handshake keeps after the release: -1 each when the container's objects were not found. */
    private record Kept(int chars, int parameters, int headerFields, int encodingBytes) {
        static final Kept NOTHING = new Kept(0, 0, 0, 0);
        static final Kept UNKNOWN = new Kept(-1, -1, -1, -1);
    }

    /**
     * How the container's request is reached and emptied, once found (the same classes for every
     * handshake): Catalina's facade gives its request, which gives its parameter map and
     * Grizzly's request, which gives its parameter parser and the request and response packets
     * with their header lists and encoding buffers.
     */
    private record Path(Class<?> facade, Method catalina, Method parameterMap, Method lockParameterMap,
            Method grizzly, Method parameters, Method recycleParameters, Field[] buffers, Method setChars,
            Method getBuffer, Method requestPacket, Method response, Method responsePacket, Method headers,
            Method recycleHeaders, Field headerFields, Field encodingBuffer) {
    }

    private static volatile Path path;

    /** Releases the parameters and the parser's buffers, and the headers once the answer is written; what the handshake keeps. */
    private static Kept release(ServletRequest request, boolean answered) {
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
            Object catalina = known.catalina().invoke(facade);
            Map<?, ?> parameterMap = (Map<?, ?>) known.parameterMap().invoke(catalina);
            known.lockParameterMap().invoke(parameterMap, false);
            parameterMap.clear();
            known.lockParameterMap().invoke(parameterMap, true);
            Object grizzly = known.grizzly().invoke(catalina);
            Object parameters = known.parameters().invoke(grizzly);
            int chars = 0;
            for (Field buffer : known.buffers()) {
                Object chunk = buffer.get(parameters);
                known.setChars().invoke(chunk, EMPTY, 0, 0);
                chars += ((char[]) known.getBuffer().invoke(chunk)).length;
            }
            known.recycleParameters().invoke(parameters);
            Object requestPacket = known.requestPacket().invoke(grizzly);
            Object responsePacket = known.responsePacket().invoke(known.response().invoke(grizzly));
            int fields = emptyHeaders(known, requestPacket, answered) + emptyHeaders(known, responsePacket, answered);
            int bytes = dropEncodingBuffer(known, requestPacket, answered) + dropEncodingBuffer(known, responsePacket, answered);
            return new Kept(chars, parameterMap.size(), fields, bytes);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!TOLD.get()) {
                LOG.log(Level.FINE, "the parameter buffers, parameters, header fields and encoding buffers could not be released", e);
            }
            return Kept.UNKNOWN;
        }
    }

    /**
     * Recycles a packet's header list and gives it a one-slot array, if the answer is written;
     * the header fields it holds afterwards.
     */
    private static int emptyHeaders(Path known, Object packet, boolean answered) throws ReflectiveOperationException {
        Object headers = known.headers().invoke(packet);
        Object fields = known.headerFields().get(headers);
        if (answered) {
            known.recycleHeaders().invoke(headers);
            known.headerFields().set(headers, Array.newInstance(fields.getClass().getComponentType(), 1));
            return 0;
        }
        int kept = 0;
        for (int i = 0; i < Array.getLength(fields); i++) {
            kept += Array.get(fields, i) == null ? 0 : 1;
        }
        return kept;
    }

    /** Drops a packet's header encoding buffer, if the answer is written; the bytes it keeps afterwards. */
    private static int dropEncodingBuffer(Path known, Object packet, boolean answered) throws ReflectiveOperationException {
        if (answered) {
            // Grizzly encodes a header field without this buffer when it is null
            known.encodingBuffer().set(packet, null);
            return 0;
        }
        return known.encodingBuffer().get(packet) instanceof byte[] buffer ? buffer.length : 0;
    }

    private static Path find(ServletRequest facade) throws ReflectiveOperationException {
        Method catalina = facade.getClass().getMethod("getUnwrappedCoyoteRequest");
        Method parameterMap = catalina.getReturnType().getMethod("getParameterMap");
        // Catalina's own map, locked against changes by the application
        Method lockParameterMap = parameterMap.invoke(catalina.invoke(facade)).getClass()
                .getMethod("setLocked", boolean.class);
        Method grizzly = catalina.getReturnType().getMethod("getCoyoteRequest");
        Class<?> grizzlyRequest = grizzly.getReturnType();
        Method parameters = grizzlyRequest.getMethod("getParameters");
        Class<?> parser = parameters.getReturnType();
        Field[] buffers = new Field[SCRATCH_BUFFERS.length];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ContainerFields.find(parser, SCRATCH_BUFFERS[i]);
        }
        Class<?> chunk = buffers[0].getType();
        Method requestPacket = grizzlyRequest.getMethod("getRequest");
        Method response = grizzlyRequest.getMethod("getResponse");
        Method responsePacket = response.getReturnType().getMethod("getResponse");
        Method headers = requestPacket.getReturnType().getMethod("getHeaders");
        if (!headers.getDeclaringClass().isAssignableFrom(responsePacket.getReturnType())) {
            throw new NoSuchMethodException("no getHeaders common to " + requestPacket.getReturnType().getName()
                    + " and " + responsePacket.getReturnType().getName());
        }
        Class<?> headerList = headers.getReturnType();
        Field headerFields = ContainerFields.find(headerList, "headers");
        if (!headerFields.getType().isArray()) {
            throw new NoSuchFieldException("headers is no array in " + headerList.getName());
        }
        Field encodingBuffer = ContainerFields.find(requestPacket.getReturnType(), "tmpHeaderEncodingBuffer");
        if (encodingBuffer.getType() != byte[].class
                || !encodingBuffer.getDeclaringClass().isAssignableFrom(responsePacket.getReturnType())) {
            throw new NoSuchFieldException("no byte[] tmpHeaderEncodingBuffer common to both packets");
        }
        return new Path(facade.getClass(), catalina, parameterMap, lockParameterMap, grizzly, parameters,
                parser.getMethod("recycle"), buffers,
                chunk.getMethod("setChars", char[].class, int.class, int.class), chunk.getMethod("getBuffer"),
                requestPacket, response, responsePacket, headers, headerList.getMethod("recycle"), headerFields,
                encodingBuffer);
    }
}
