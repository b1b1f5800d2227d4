package org.nodeim.protocol;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives a WebSocket handshake its local address as its local name, so that no connection waits
 * for a reverse DNS lookup.
 *
 * <p>Tyrus asks every handshake for {@link HttpServletRequest#getLocalName()}, only to keep it in
 * the session it makes; nodeim never reads it. On Payara that name is found by a reverse lookup
 * of the local address, made at each handshake since the JDK does not cache reverse lookups: on
 * the thread that upgrades the connection, 2.6% of the server's CPU in token signins on fresh
 * connections where {@code /etc/hosts} answers, and as long as the DNS server takes where it
 * does not.
 */
@WebFilter(urlPatterns = "/socket.io/", asyncSupported = true)
public class HandshakeLocalName extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) ? new LocalNameIsAddress(request) : request,
                response);
    }

    /** The handshake as it came, but for its local name. */
    static final class LocalNameIsAddress extends HttpServletRequestWrapper {

        LocalNameIsAddress(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getLocalName() {
            return getLocalAddr();
        }
    }
}
