package org.nodeim.protocol;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Shrinks the response buffer of a WebSocket handshake, so that each frame of the connection
 * is written from the array the WebSocket layer encoded it into.
 *
 * <p>Tyrus writes every frame through the output stream of the upgraded request. On Payara,
 * that stream copies a write no longer than the response's buffer size (8 KB by default) into
 * a freshly allocated buffer of that size, unless the writing thread belongs to the HTTP
 * server's own pool, and most frames are written by the threads that complete commands. A
 * buffer size below nearly every frame's length makes the stream pass the frame on as it is;
 * it changes nothing else, since an upgraded connection's frames are flushed one by one.
 */
@WebFilter(urlPatterns = "/socket.io/", asyncSupported = true)
public class WebSocketWriteBuffer extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** Shorter than any Socket.IO event or answer frame; a heartbeat frame (3 bytes) still fits. */
    static final int BUFFER_BYTES = 16;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && !response.isCommitted()) {
            response.setBufferSize(BUFFER_BYTES);
        }
        chain.doFilter(request, response);
    }
}
