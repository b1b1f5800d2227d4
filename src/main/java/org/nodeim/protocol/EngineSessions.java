package org.nodeim.protocol;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.session.SessionRegistry;

/**
 * Opens Engine.IO sessions and registers them, as connections, with the one
 * {@link SessionRegistry}, which finds them by id; only polling sessions closed in the last
 * moments are kept here, so that the client's next poll gets its last packet. Owns the one scheduler
 * behind every heartbeat: one periodic sweep pings every session that is due and closes those
 * whose pong or CONNECT is overdue, and a faster one pings the sessions whose client has left
 * written events unacknowledged, so that its pong proves them received ({@link Receipts}).
 */
@ApplicationScoped
public class EngineSessions {

    private static final Logger LOG = Logger.getLogger(EngineSessions.class.getName());

    @Inject
    ProtocolSettings settings;

    @Inject
    SocketIoServer socketIo;

    @Inject
    SessionRegistry registry;

    @Resource
    ManagedThreadFactory threadFactory;

    /**
     * How long a closed polling session stays known, so that the poll the client sends next
     * gets its last packet (a close or a noop) rather than an unknown session.
     */
    static final long CLOSED_POLLING_LINGER_MILLIS = 2000;

    /** How long stopping the server waits for the sessions' last frames. */
    static final long SHUTDOWN_MILLIS = 3000;
    private static final long SHUTDOWN_POLL_MILLIS = 20;

    /** How often the sessions awaiting receipts are looked at. */
    static final long RECEIPT_PERIOD_MILLIS = 50;

    /** How long an event written may go unacknowledged before a ping asks the client to prove it arrived. */
    static final long RECEIPT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Polling sessions closed less than {@link #CLOSED_POLLING_LINGER_MILLIS} ago. */
    private final Map<String, EngineSession> closedPolling = new ConcurrentHashMap<>();
    /** Sessions with written events awaiting proof of receipt. */
    private final Set<EngineSession> awaitingReceipts = ConcurrentHashMap.newKeySet();
    private ScheduledThreadPoolExecutor scheduler;
    private long sweepPeriodMillis;
    /** When the heartbeat sweep last ran. */
    private volatile long lastSweepNanos = System.nanoTime();

    @PostConstruct
    void start() {
        settings.sessionIdSuffix(); // a wrong nodeim.node.route fails here, not at every connection
        scheduler = new ScheduledThreadPoolExecutor(1, threadFactory);
        scheduler.setRemoveOnCancelPolicy(true);
        sweepPeriodMillis = sweepPeriodMillis(settings.pingInterval(), settings.pingTimeout());
        scheduler.scheduleWithFixedDelay(this::sweep, sweepPeriodMillis, sweepPeriodMillis, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::pingForReceipts, RECEIPT_PERIOD_MILLIS, RECEIPT_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * How often the heartbeat sweep runs: a twentieth of the shorter of the ping interval and
     * the ping timeout, so that a ping or a timeout is at most that late, within 10 ms to 1 s
     * (1 s as shipped; 10 ms in conformance mode, whose test suite counts on pings on time).
     */
    static long sweepPeriodMillis(long pingInterval, long pingTimeout) {
        return Math.max(10, Math.min(1000, Math.min(pingInterval, pingTimeout) / 20));
    }

    /**
     * Whether the heartbeat runs: its last sweep is at most ten periods (and a few seconds) old,
     * so that dead clients are still found and closed.
     */
    public boolean isBeating() {
        long allowed = TimeUnit.MILLISECONDS.toNanos(10 * sweepPeriodMillis) + TimeUnit.SECONDS.toNanos(5);
        return !scheduler.isShutdown() && System.nanoTime() - lastSweepNanos < allowed;
    }

    /** One pass of the heartbeat over every open session. */
    private void sweep() {
        long now = System.nanoTime();
        lastSweepNanos = now;
        registry.forEach(connection -> {
            if (connection instanceof EngineSession session) {
                try {
                    session.heartbeat(now);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "heartbeat of session " + session.id() + " failed", e);
                }
            }
        });
    }

    /** Pings the sessions whose client left events written a while ago unacknowledged. */
    private void pingForReceipts() {
        long now = System.nanoTime();
        for (EngineSession session : awaitingReceipts) {
            try {
                if (!session.pingForReceipts(now, RECEIPT_DELAY_NANOS)) {
                    awaitingReceipts.remove(session);
                    if (!session.isClosed() && session.awaitsReceipts()) {
                        awaitingReceipts.add(session); // written meanwhile
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "receipt ping of session " + session.id() + " failed", e);
            }
        }
    }

    /**
     * As the server stops: every session gets what is queued for it and a close packet, for at
     * most {@link #SHUTDOWN_MILLIS}; those still open then (a polling client that did not poll)
     * are closed at once.
     */
    @PreDestroy
    void stop() {
        forEachSession(EngineSession::shutDown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_MILLIS);
        try {
            while (anySessionOpen() && System.nanoTime() < deadline) {
                Thread.sleep(SHUTDOWN_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forEachSession(session -> session.close(EngineSession.SERVER_SHUTDOWN));
        scheduler.shutdownNow();
    }

    private void forEachSession(Consumer<EngineSession> action) {
        registry.forEach(connection -> {
            if (connection instanceof EngineSession session) {
                action.accept(session);
            }
        });
    }

    private boolean anySessionOpen() {
        var open = new AtomicBoolean();
        forEachSession(session -> open.compareAndSet(false, !session.isClosed()));
        return open.get();
    }

    /** Opens a Socket.IO session on a transport and sends its open packet. */
    public EngineSession open(String remoteAddress, Transport transport, boolean upgradable) {
        return open(remoteAddress, transport, upgradable, new SocketIoReceiver(socketIo));
    }

    /**
     * Opens an Engine.IO session whose client's messages go to {@code receiver} rather than
     * to the Socket.IO layer, and sends its open packet.
     */
    public EngineSession open(String remoteAddress, Transport transport, boolean upgradable,
                              EngineSession.Receiver receiver) {
        var session = new EngineSession(remoteAddress, transport, settings, scheduler, new EngineSession.Listener() {
            @Override
            public void onAwaitingReceipts(EngineSession s) {
                awaitingReceipts.add(s);
            }

            @Override
            public void onClose(EngineSession s, String reason) {
                awaitingReceipts.remove(s);
                if (s.currentTransport() instanceof PollingTransport) {
                    closedPolling.put(s.id(), s);
                    scheduler.schedule(() -> closedPolling.remove(s.id(), s), CLOSED_POLLING_LINGER_MILLIS,
                            TimeUnit.MILLISECONDS);
                }
                socketIo.onClose(s, reason);
            }
        }, receiver);
        registry.opened(session);
        session.open(upgradable);
        return session;
    }

    /** An open session, or a polling session closed in the last moments. */
    public Optional<EngineSession> find(String id) {
        return registry.find(id).filter(EngineSession.class::isInstance).map(EngineSession.class::cast)
                .or(() -> Optional.ofNullable(closedPolling.get(id)));
    }
}
