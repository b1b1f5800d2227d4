package org.nodeim.protocol;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives the WebSocket container of this application a plain scheduler for its idle timers.
 *
 * <p>Tyrus, the WebSocket layer of Payara, re-schedules a session's idle timer on every frame
 * in and out, on the executor its container looked up once from
 * {@code java:comp/DefaultManagedScheduledExecutorService}; each schedule there captures the
 * container context with a service-loader scan, which limits a server to a few thousand
 * frames a second. The container keeps that executor in a field of
 * {@code org.glassfish.tyrus.core.BaseContainer}; this listener replaces it, by reflection, with
 * a {@link ScheduledThreadPoolExecutor} of its own (daemon threads, cancelled timers removed at
 * once), and puts the original back when the application stops. On any other server, or a
 * Tyrus without that field, it leaves the container alone and says so in the log. Configuration
 * key {@value #ENABLED_KEY} (default {@code true}) turns it off.
 *
 * <p>It also gives every new session the idle timeout the endpoint sets
 * ({@link ProtocolSettings#idleTimeout}) from the start. A Tyrus session begins with the
 * container's default, 0 (none), and schedules its idle timer with that delay at once: a timer
 * due immediately, which closes the session "because of the idle timeout" if it happens to run
 * just after the endpoint has set the session's real timeout (about one new connection in
 * 2,500 under a reconnection storm).
 */
@WebListener
public class WebSocketTimers implements ServletContextListener {

    static final String ENABLED_KEY = "nodeim.protocol.websocket-timers";

    /** The servlet context attribute that tells whether the timers were replaced ({@code Boolean}). */
    public static final String REPLACED_ATTRIBUTE = WebSocketTimers.class.getName() + ".replaced";

    private static final Logger LOG = Logger.getLogger(WebSocketTimers.class.getName());
    static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";
    private static final String FIELD = "managedScheduledExecutorService";

    @Inject
    ProtocolSettings settings;

    private Object container;
    private Field field;
    private Object original;
    private ScheduledThreadPoolExecutor timers;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        context.setAttribute(REPLACED_ATTRIBUTE, Boolean.FALSE);
        if (context.getAttribute(SERVER_CONTAINER) instanceof ServerContainer server) {
            server.setDefaultMaxSessionIdleTimeout(settings.idleTimeout());
        }
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(ENABLED_KEY, Boolean.class).orElse(true);
        if (!enabled) {
            LOG.info(() -> "WebSocket idle timers left to the container (" + ENABLED_KEY + "=false)");
            return;
        }
        container = context.getAttribute(SERVER_CONTAINER);
        field = container == null ? null : executorField(container.getClass());
        if (field == null) {
            LOG.info("WebSocket idle timers left to the container: it is not one whose scheduler can be replaced");
            return;
        }
        try {
            field.setAccessible(true);
            original = field.get(container);
            timers = newTimers(context.getClassLoader());
            field.set(container, timers);
            context.setAttribute(REPLACED_ATTRIBUTE, Boolean.TRUE);
            LOG.info("WebSocket idle timers run on the application's own scheduler");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "WebSocket idle timers left to the container: its scheduler could not be replaced", e);
            if (timers != null) {
                timers.shutdownNow();
                timers = null;
            }
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (timers == null) {
            return;
        }
        try {
            field.set(container, original);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "could not give the WebSocket container its scheduler back", e);
        }
        timers.shutdown();
    }

    /** The scheduler a WebSocket container runs its idle timers on, where it can be read. */
    static Optional<ScheduledExecutorService> schedulerOf(Object container) {
        Field found = container == null ? null : executorField(container.getClass());
        if (found == null) {
            return Optional.empty();
        }
        try {
            found.setAccessible(true);
            return Optional.ofNullable((ScheduledExecutorService) found.get(container));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Field executorField(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field candidate = c.getDeclaredField(FIELD);
                return ScheduledExecutorService.class.isAssignableFrom(candidate.getType()) ? candidate : null;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    /**
     * Two daemon threads: a timer fires rarely (our heartbeat closes dead connections first),
     * and one that is due runs a close. Cancelled timers leave the queue at once; after the
     * application stops, late schedules are dropped rather than refused.
     */
    private static ScheduledThreadPoolExecutor newTimers(ClassLoader loader) {
        var count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "nodeim-websocket-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
        var executor = new ScheduledThreadPoolExecutor(2, threads, new ScheduledThreadPoolExecutor.DiscardPolicy());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
