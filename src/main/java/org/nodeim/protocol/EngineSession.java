package org.nodeim.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.json.JsonFactory;
import org.nodeim.session.Connection;

/**
 * One Engine.IO session carrying the main Socket.IO namespace: the packet rules of both
 * protocols, the server heartbeat, and one bounded outbound queue that its transport drains.
 */
public final class EngineSession implements Connection {

    private static final Logger LOG = Logger.getLogger(EngineSession.class.getName());

    private static final String PROBE = new EnginePacket(EnginePacket.Type.PING, "probe").encode();
    private static final String PROBE_ANSWER = new EnginePacket(EnginePacket.Type.PONG, "probe").encode();
    private static final String UPGRADE = new EnginePacket(EnginePacket.Type.UPGRADE, "").encode();

    /** A frame waiting to be written: a {@code String} (text) or a {@code byte[]} (binary). */
    record Frame(Object data, Runnable onWritten) {

        /** What the frame holds in memory, about: characters of a text, bytes of a binary frame. */
        int size() {
            return data instanceof String text ? text.length() : ((byte[]) data).length;
        }
    }

    /** What the session reports to the registry of sessions. */
    public interface Listener {
        void onClose(EngineSession session, String reason);

        /** An event was written that awaits proof of receipt. */
        void onAwaitingReceipts(EngineSession session);
    }

    /**
     * What the session does with the messages its client sends: read Socket.IO packets from
     * them ({@link SocketIoReceiver}), as a rule. Called under the receiving lock, one message
     * at a time, in the order the client sent them.
     */
    public interface Receiver {
        /** The data of an Engine.IO message packet; a {@link ProtocolException} closes the session. */
        void message(EngineSession session, String data) throws ProtocolException;

        /** A binary frame. */
        void binary(EngineSession session, byte[] frame);
    }

    /** Reasons the server ends a session on its own: each is logged, so that a closed client can be explained. */
    static final String SERVER_SHUTDOWN = "server shutdown";
    private static final Set<String> SERVER_SIDE_CLOSES = Set.of("ping timeout", "parse error", "transport error",
            "outbound queue overflow", "connect timeout");

    private final String id;
    private final String socketId;
    private final Instant openedAt = Instant.now();
    private final String remoteAddress;
    private final ProtocolSettings settings;
    /** Settings read once: this session's hot paths do not go through the settings bean's proxy. */
    private final long pingInterval;
    private final long pingTimeout;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final Receiver receiver;
    private volatile Transport transport;
    private volatile Transport candidate;
    private final AtomicBoolean upgrading = new AtomicBoolean();

    private final OutboundQueue outbound;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong user = new AtomicLong();
    private final Receipts receipts = new Receipts();

    private volatile boolean socketConnected;
    private volatile JsonObject handshakeAuth = JsonValue.EMPTY_JSON_OBJECT;

    /** Guards the pings together with the receipts they prove (see {@link Receipts}). */
    private final Heartbeat heartbeat;

    /** Done once the answer to the last command has gone out: the next one waits for it. */
    private final AtomicReference<CompletableFuture<Void>> lastAnswer =
            new AtomicReference<>(CompletableFuture.completedFuture(null));

    /** @param receiver what the messages of the client are read as: Socket.IO packets, as a rule */
    EngineSession(String remoteAddress, Transport transport, ProtocolSettings settings,
                  ScheduledExecutorService scheduler, Listener listener, Receiver receiver) {
        String suffix = settings.sessionIdSuffix();
        this.id = Ids.random() + suffix;
        this.socketId = Ids.random() + suffix;
        this.remoteAddress = remoteAddress;
        this.transport = transport;
        this.settings = settings;
        this.pingInterval = settings.pingInterval();
        this.pingTimeout = settings.pingTimeout();
        this.outbound = new OutboundQueue(settings.outboundQueueLimit(), settings.outboundQueueBytes());
        this.heartbeat = new Heartbeat(pingInterval, pingTimeout, settings.connectTimeout());
        this.scheduler = scheduler;
        this.listener = listener;
        this.receiver = receiver;
    }

    /** Sends the open packet and starts the heartbeat and the connect deadline. */
    void open(boolean upgradesToWebSocket) {
        var open = JsonFactory.objectBuilder()
                .add("sid", id)
                .add("upgrades", upgradesToWebSocket
                        ? JsonFactory.arrayBuilder().add("websocket") : JsonFactory.arrayBuilder())
                .add("pingInterval", pingInterval)
                .add("pingTimeout", pingTimeout)
                .add("maxPayload", settings.maxPayload())
                .build();
        send(new EnginePacket(EnginePacket.Type.OPEN, open.toString()));
        heartbeat.start(System.nanoTime());
    }

    /**
     * The heartbeat, run by the one periodic sweep over all sessions (never a timer per
     * session): sends the ping that is due, and closes the session whose pong or Socket.IO
     * CONNECT is overdue.
     */
    void heartbeat(long now) {
        if (closed.get()) {
            return;
        }
        Heartbeat.Due due;
        synchronized (heartbeat) {
            due = heartbeat.check(now);
            if (due == Heartbeat.Due.PING) {
                receipts.pingSent();
            }
        }
        switch (due) {
            case PING -> send(EnginePacket.PING);
            case PING_TIMEOUT -> close("ping timeout");
            case CONNECT_TIMEOUT -> close("connect timeout");
            case NOTHING -> { }
        }
    }

    /**
     * Held while packets from the client are handled. During an upgrade, a batch posted by
     * polling may still be in hand when the first WebSocket frames arrive on another thread;
     * the batch holds this lock throughout ({@link #receiving()}), so that packets are handled in
     * the order the client sent them.
     */
    private final ReentrantLock receiving = new ReentrantLock();

    /** The lock to hold across a batch of packets received together. */
    Lock receiving() {
        return receiving;
    }

    /** A text frame from the client; false if it broke the rules and closed the session. */
    public boolean receive(String text) {
        receiving.lock();
        try {
            return receiveInOrder(text);
        } finally {
            receiving.unlock();
        }
    }

    private boolean receiveInOrder(String text) {
        if (closed.get()) {
            return true;
        }
        try {
            var packet = EnginePacket.decode(text);
            switch (packet.type()) {
                case PONG -> onPong();
                case MESSAGE -> receiver.message(this, packet.data());
                case CLOSE -> {
                    settleReceipts();
                    close("client close", EnginePacket.NOOP);
                }
                case UPGRADE, NOOP -> { }
                case OPEN, PING -> throw new ProtocolException("unexpected " + packet.type() + " packet");
            }
            return true;
        } catch (ProtocolException e) {
            LOG.log(Level.FINE, "closing {0}: {1}", new Object[] {id, e.getMessage()});
            close("parse error");
            return false;
        }
    }

    /** A binary frame from the client: an attachment of the binary packet being received. */
    public void receive(byte[] attachment) {
        receiving.lock();
        try {
            receiveInOrder(attachment);
        } finally {
            receiving.unlock();
        }
    }

    private void receiveInOrder(byte[] attachment) {
        if (closed.get()) {
            return;
        }
        receiver.binary(this, attachment);
    }

    public void send(EnginePacket packet) {
        enqueue(new Frame(packet.encode(), null));
    }

    public void send(SocketPacket packet) {
        send(packet, null);
    }

    /** Queues a binary frame. */
    public void send(byte[] frame) {
        enqueue(new Frame(frame, null));
    }

    /** Queues a packet; {@code onWritten} runs once its last frame has been written. */
    public void send(SocketPacket packet, Runnable onWritten) {
        String text = EnginePacket.message(SocketIoCodec.encode(packet)).encode();
        if (packet.buffers().isEmpty()) {
            enqueue(new Frame(text, onWritten));
            return;
        }
        enqueue(new Frame(text, null));
        var buffers = packet.buffers();
        for (int i = 0; i < buffers.size(); i++) {
            enqueue(new Frame(buffers.get(i), i == buffers.size() - 1 ? onWritten : null));
        }
    }

    private void enqueue(Frame frame) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(frame)) {
            LOG.log(Level.WARNING, "closing {0}: the client does not keep up with its messages", id);
            close("outbound queue overflow");
            return;
        }
        transport.flush(this);
    }

    Frame nextFrame() {
        return outbound.poll();
    }

    boolean hasQueuedFrames() {
        return !outbound.isEmpty();
    }

    /** Runs a task on the sessions' scheduler after a delay, unless the session closes first. */
    void schedule(Runnable task, long delayMillis) {
        if (!closed.get()) {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The transport currently carrying the session. */
    Transport currentTransport() {
        return transport;
    }

    /**
     * A WebSocket asks to take this session over. Only a polling session that is not already
     * being upgraded may be; false otherwise.
     */
    boolean startUpgrade(Transport webSocket) {
        if (closed.get() || !(transport instanceof PollingTransport) || !upgrading.compareAndSet(false, true)) {
            return false;
        }
        candidate = webSocket;
        if (closed.get()) {
            webSocket.close("session closed");
            return false;
        }
        return true;
    }

    /**
     * A text frame on the WebSocket taking this session over: {@code 2probe} is answered
     * {@code 3probe} and the polling transport stops holding requests so that the client can
     * pause it; {@code 5} switches the session to the WebSocket, which then drains the one
     * outbound queue where polling left it; anything else gives the upgrade up. True once
     * the session has switched.
     */
    boolean receiveUpgrade(WebSocketTransport webSocket, String text) {
        if (closed.get() || candidate != webSocket) {
            webSocket.close("session closed");
            return false;
        }
        if (PROBE.equals(text)) {
            webSocket.sendOutOfQueue(PROBE_ANSWER);
            transport.release(this);
            return false;
        }
        if (UPGRADE.equals(text)) {
            Transport polling = transport;
            transport = webSocket;
            candidate = null;
            polling.retire();
            webSocket.flush(this);
            return true;
        }
        abortUpgrade(webSocket);
        webSocket.close("upgrade failed");
        return false;
    }

    /** The WebSocket taking this session over went away before the switch. */
    void abortUpgrade(Transport webSocket) {
        if (candidate == webSocket) {
            candidate = null;
            transport.resume();
            upgrading.set(false);
        }
    }

    private void onPong() {
        if (closed.get()) {
            return;
        }
        List<Runnable> received;
        synchronized (heartbeat) {
            if (!heartbeat.ponged(System.nanoTime())) {
                return;
            }
            received = receipts.ponged();
        }
        report(received);
    }

    /** The client acknowledged an event sent by {@link #deliver}. */
    void acknowledged(long ackId) {
        Runnable received = receipts.acknowledged(ackId);
        if (received != null) {
            report(List.of(received));
        }
    }

    /**
     * Sends a ping early when an event written a while ago still awaits proof of receipt (the
     * client did not acknowledge it): the pong proves it. Run often by {@link EngineSessions}
     * for the sessions that await receipts; false once nothing written awaits proof.
     */
    boolean pingForReceipts(long now, long delayNanos) {
        if (closed.get()) {
            return false;
        }
        boolean ping = false;
        synchronized (heartbeat) {
            if (!heartbeat.awaitsPong() && receipts.dueForPing(now, delayNanos) && heartbeat.pingEarly(now)) {
                receipts.pingSent();
                ping = true;
            }
        }
        if (ping) {
            send(EnginePacket.PING);
        }
        return receipts.awaitsProof();
    }

    /** Whether a written event still awaits proof of receipt. */
    boolean awaitsReceipts() {
        return receipts.awaitsProof();
    }

    /** The client says goodbye: what was written to it counts as received (see {@link Receipts}). */
    void settleReceipts() {
        report(receipts.settled());
    }

    private void report(List<Runnable> received) {
        for (Runnable callback : received) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a receipt on " + id + " failed", e);
            }
        }
    }

    /**
     * Closes the session at once if the pong to its last ping is overdue, even though the timer
     * that closes it has not run yet (on a busy machine it may run late).
     */
    void expireIfPongOverdue() {
        if (!closed.get() && heartbeat.isPongOverdue(System.nanoTime())) {
            close("ping timeout");
        }
    }

    /** The client joined the main namespace. */
    void socketConnected(JsonObject auth) {
        handshakeAuth = auth == null ? JsonValue.EMPTY_JSON_OBJECT : auth;
        receipts.rejoined();
        socketConnected = true;
        heartbeat.connected();
    }

    /** The client left the main namespace; the Engine.IO session stays open. */
    void socketDisconnected() {
        socketConnected = false;
    }

    public boolean isSocketConnected() {
        return socketConnected;
    }

    String socketId() {
        return socketId;
    }

    JsonObject handshakeAuth() {
        return handshakeAuth;
    }

    /**
     * Ends the session as the server stops: what is queued still goes out, then an Engine.IO
     * close packet, then the transport closes. The client sees its transport close and
     * reconnects, as after a restart of any Socket.IO server.
     */
    void shutDown() {
        enqueue(new Frame(EnginePacket.CLOSE.encode(), () -> close(SERVER_SHUTDOWN)));
    }

    /** Closes the session once; later calls do nothing. */
    public void close(String reason) {
        close(reason, null);
    }

    /**
     * Closes the session once; {@code farewell} is the last packet for a client that has yet to
     * ask for it, {@code null} when the session ends abruptly.
     */
    private void close(String reason, EnginePacket farewell) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (SERVER_SIDE_CLOSES.contains(reason)) {
            LOG.log(Level.INFO, "closing {0} ({1}): {2}", new Object[] {id, remoteAddress, reason});
        }
        outbound.clear();
        receipts.ended();
        Transport pending = candidate;
        if (pending != null) {
            pending.close(reason);
        }
        try {
            transport.close(reason, farewell);
        } finally {
            listener.onClose(this, reason);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public OptionalLong userId() {
        long value = user.get();
        return value == 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public boolean bindUser(long userId) {
        return user.compareAndSet(0, userId);
    }

    @Override
    public OptionalLong unbindUser() {
        long previous = user.getAndSet(0);
        return previous == 0 ? OptionalLong.empty() : OptionalLong.of(previous);
    }

    @Override
    public void emit(String event, JsonValue payload) {
        send(SocketIoCodec.event(event, payload));
    }


    /**
     * Runs {@code answer} with the outcome of a command once it is known and once the answers
     * to every earlier command of this session have gone out: a client gets its answers, and
     * the events that follow them, in the order it sent its commands, however the commands
     * complete (a message completes on the journal's thread, or at once on the reading thread
     * when its batch committed before the reader got there).
     */
    <T> void answerInOrder(CompletionStage<T> outcome, Consumer<? super T> answer) {
        var answered = new CompletableFuture<Void>();
        lastAnswer.getAndSet(answered)
                .thenCombine(outcome, (previous, value) -> value)
                .thenAccept(answer)
                .whenComplete((done, e) -> {
                    if (e != null) {
                        LOG.log(Level.WARNING, "answering on " + id + " failed", e);
                    }
                    answered.complete(null);
                });
    }

    @Override
    public void deliver(String event, String payloadJson, Runnable onWritten, Runnable onReceived) {
        long ackId = receipts.add(onReceived);
        enqueue(new Frame(EnginePacket.message(SocketIoCodec.encodeEvent(event, ackId, payloadJson)).encode(), () -> {
            Runnable received = receipts.written(ackId, System.nanoTime());
            if (received == null) {
                listener.onAwaitingReceipts(this);
            } else {
                report(List.of(received));
            }
            if (onWritten != null) {
                onWritten.run();
            }
        }));
    }

    @Override
    public long outboundCapacity() {
        return settings.outboundQueueBytes();
    }

    @Override
    public void disconnect(String reason) {
        send(new SocketPacket(SocketPacket.Type.DISCONNECT, SocketPacket.MAIN_NAMESPACE, null, null),
                () -> close(reason, EnginePacket.CLOSE));
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String transport() {
        return transport.name();
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }
}
