package org.nodeim.admin;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;

/**
 * Guards the console beyond its security constraint: a request whose path concerns the console
 * or Faces but is not written canonically (path parameters such as {@code ;jsessionid=},
 * percent-escapes, {@code ..} or {@code .} segments, double or back slashes, {@code admin} in
 * another case) is answered 404 before anything interprets it; console responses carry
 * {@code X-Frame-Options: DENY}, a strict Content Security Policy (no inline script or style)
 * and are not cached; a form posted with a view state this server does not hold (forged, or
 * its session over) gets 400 and a short page with those headers, not the container's 500 page,
 * and so does a request other than POST that carries a view state (no action by a link), and a
 * post with a view state this session has already posted once (a replayed or twice-sent form:
 * each page the console renders carries a view state of its own).
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST, asyncSupported = true)
public class ConsoleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The parameter that makes a Faces request a postback. */
    static final String VIEW_STATE = "jakarta.faces.ViewState";

    /** The session attribute that holds the view states this session has already posted. */
    static final String POSTED_VIEW_STATES = ConsoleFilter.class.getName() + ".posted";

    /** How many posted view states a session remembers: more than Faces keeps views for. */
    static final int REMEMBERED_VIEW_STATES = 512;

    /** The answer to a form whose view state this server does not hold (expired, or never issued). */
    static final String EXPIRED_FORM_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Form expired</title></head><body><h1>This form has expired</h1>"
            + "<p>It was not sent by this session, or the session ended. <a href=\"/admin/\">Open the console again</a>."
            + "</p></body></html>";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!concernsConsole(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (!isCanonical(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        secure(response, path);
        if (!"POST".equals(request.getMethod()) && request.getParameter(VIEW_STATE) != null) {
            // Faces would take this for a postback and run its action: actions come by POST only
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String viewState = request.getParameter(VIEW_STATE);
        HttpSession session = request.getSession(false);
        if (viewState != null && session != null && !postedViewStates(session).firstPost(viewState)) {
            expired(response, path);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!isExpiredView(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            expired(response, path);
        }
    }

    private static void expired(HttpServletResponse response, String path) throws IOException {
        secure(response, path);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(EXPIRED_FORM_PAGE);
    }

    private static PostedViewStates postedViewStates(HttpSession session) {
        synchronized (PostedViewStates.class) { // one session's requests may each see a facade of their own
            var posted = (PostedViewStates) session.getAttribute(POSTED_VIEW_STATES);
            if (posted == null) {
                posted = new PostedViewStates(REMEMBERED_VIEW_STATES);
                session.setAttribute(POSTED_VIEW_STATES, posted);
            }
            return posted;
        }
    }

    /** The view states a session has posted, the oldest forgotten first once there are too many. */
    static final class PostedViewStates implements Serializable {

        private static final long serialVersionUID = 1L;

        private final int capacity;
        private final LinkedHashSet<String> posted = new LinkedHashSet<>();

        PostedViewStates(int capacity) {
            this.capacity = capacity;
        }

        /** Records a posted view state; false when this session has posted it before. */
        synchronized boolean firstPost(String viewState) {
            if (!posted.add(viewState)) {
                return false;
            }
            if (posted.size() > capacity) {
                posted.remove(posted.iterator().next());
            }
            return true;
        }
    }

    private static void secure(HttpServletResponse response, String path) {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (!path.startsWith("/jakarta.faces.resource/")) {
            response.setHeader("Cache-Control", "no-store");
        }
    }

    /** Whether Faces refused a post because it holds no view under its view state. */
    private static boolean isExpiredView(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ViewExpiredException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the raw path, decoded or not, could reach the console, a Faces view or a descriptor. */
    static boolean concernsConsole(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException malformed) {
            return true;
        }
        for (String text : new String[] {lower, decoded}) {
            if (text.contains("admin") || text.contains(".xhtml") || text.contains("faces")
                    || text.contains("web-inf") || text.contains("meta-inf")) {
                return true;
            }
        }
        return false;
    }

    /** A path as the console writes its own links: plain segments, nothing for a parser to reinterpret. */
    static boolean isCanonical(String rawPath) {
        if (!rawPath.startsWith("/") || rawPath.contains("//") || rawPath.indexOf(';') >= 0
                || rawPath.indexOf('%') >= 0 || rawPath.indexOf('\\') >= 0) {
            return false;
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")
                    || segment.equalsIgnoreCase("admin") && !segment.equals("admin")) {
                return false;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c < 0x21 || c > 0x7e) {
                    return false;
                }
            }
        }
        return true;
    }
}
