package org.nodeim.protocol;

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
 * Test-only: tells what the WebSocket container's idle timers run on, as JSON
 * {@code {replaced, scheduler, timersPending, defaultIdleTimeout}}: the timers pending are those of open
 * sessions (each keeps one idle timer, due when its idle time is up).
 */
@WebServlet("/test/websocket-timers")
public class WebSocketTimersProbe extends HttpServlet {

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
                        instanceof ServerContainer server ? server.getDefaultMaxSessionIdleTimeout() : -1);
        response.setContentType("application/json");
        response.getWriter().write(answer.build().toString());
    }
}
