package org.nodeim.protocol;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Cross-origin access to {@code /socket.io/}. A request whose {@code Origin} is neither the
 * server's own nor one of {@link ProtocolSettings#allowedOrigins()} is refused with 403, the
 * WebSocket handshake included (browsers do not apply CORS to WebSockets); an allowed one gets
 * the CORS headers, and its preflight is answered here.
 */
@WebFilter(urlPatterns = "/socket.io/", asyncSupported = true)
public class OriginFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String ANY_ORIGIN = "*";

    @Inject
    transient ProtocolSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null || isSameOrigin(origin, request.getHeader("Host"))) {
            chain.doFilter(request, response);
            return;
        }
        var allowed = settings.allowedOrigins();
        if (!allowed.contains(ANY_ORIGIN) && !allowed.contains(origin)) {
            response.setStatus(EngineError.FORBIDDEN.status());
            response.setContentType("application/json");
            response.getWriter().write(EngineError.FORBIDDEN.body());
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Credentials", "true");
        response.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            String headers = request.getHeader("Access-Control-Request-Headers");
            if (headers != null) {
                response.setHeader("Access-Control-Allow-Headers", headers);
            }
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the origin names the host (and port) the request was sent to. */
    static boolean isSameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
            URI target = URI.create("//" + host);
            if (target.getHost() == null) {
                return false;
            }
            int targetPort = target.getPort() < 0 ? defaultPort : target.getPort();
            return uri.getHost().toLowerCase(Locale.ROOT).equals(target.getHost().toLowerCase(Locale.ROOT))
                    && originPort == targetPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
