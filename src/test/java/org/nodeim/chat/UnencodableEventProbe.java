package org.nodeim.chat;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.nodeim.json.JsonFactory;
import org.nodeim.session.SessionRegistry;

/**
 * Test-only: pushes to a user's connections an event whose text cannot be encoded as UTF-8 (a
 * lone surrogate, which nothing a client sends can put there any more), so that a test sees
 * what the transport makes of it: {@code /test/unencodable-event?user=ID}.
 */
@WebServlet("/test/unencodable-event")
public class UnencodableEventProbe extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionRegistry registry;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        registry.sendTo(Long.parseLong(request.getParameter("user")), "probe",
                JsonFactory.objectBuilder().add("text", "a\uD800b").build());
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
