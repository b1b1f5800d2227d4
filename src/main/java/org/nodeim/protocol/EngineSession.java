package org.nodeim.protocol;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.presence.Connection;

/**
 * One Engine.IO session carrying the main Socket.IO namespace: the packet rules of both
 * protocols, the server heartbeat, and one bounded outbound queue that its transport drains.
 */
public final class EngineSession implements Connection {

    private static final Logger LOG = Logger.getLogger(EngineSession.class.getName());

    /** A frame waiting to be written: a {@code String} (text) or a {@code byte[]} (binary). */
    record Frame(Object data, Runnable onWritten) {
    }

    /** What the session reports to the Socket.IO layer. */
    public interface Listener {
        void onPacket(EngineSession session, SocketPacket packet);

        void onClose(EngineSession session, String reason);
    }

    private final String id = Ids.random();
    private final String socketId = Ids.random();
    private final Instant openedAt = Instant.now();
    private final String remoteAddress;
    private final ProtocolSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private volatile Transport transport;

    private final Queue<Frame> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong user = new AtomicLong();

    private volatile boolean socketConnected;
    private volatile JsonObject handshakeAuth = JsonValue.EMPTY_JSON_OBJECT;
    private SocketPacket incompleteBinary;

    private final Object heartbeatLock = new Object();
    private ScheduledFuture<?> nextPing;
    private ScheduledFuture<?> pongDeadline;
    private ScheduledFuture<?> connectDeadline;

    EngineSession(String remoteAddress, Transport transport, ProtocolSettings settings,
                  ScheduledExecutorService scheduler, Listener listener) {
        this.remoteAddress = remoteAddress;
        this.transport = transport;
        this.settings = settings;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /** Sends the open packet and starts the heartbeat and the connect deadline. */
    void open(boolean upgradesToWebSocket) {
        var open = Json.createObjectBuilder()
                .add("sid", id)
                .add("upgrades", upgradesToWebSocket
                        ? Json.createArrayBuilder().add("websocket") : Json.createArrayBuilder())
                .add("pingInterval", settings.pingInterval())
                .add("pingTimeout", settings.pingTimeout())
                .add("maxPayload", settings.maxPayload())
                .build();
        send(new EnginePacket(EnginePacket.Type.OPEN, open.toString()));
        synchronized (heartbeatLock) {
            nextPing = scheduler.schedule(this::ping, settings.pingInterval(), TimeUnit.MILLISECONDS);
            connectDeadline = scheduler.schedule(this::connectTimedOut, settings.connectTimeout(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** A text frame from the client. */
    public void receive(String text) {
        if (closed.get()) {
            return;
        }
        try {
            var packet = EnginePacket.decode(text);
            switch (packet.type()) {
                case PONG -> onPong();
                case MESSAGE -> receiveSocketPacket(SocketIoCodec.decode(packet.data()));
                case CLOSE -> close("client close");
                case UPGRADE, NOOP -> { }
                case OPEN, PING -> throw new ProtocolException("unexpected " + packet.type() + " packet");
            }
        } catch (ProtocolException e) {
            LOG.log(Level.FINE, "closing {0}: {1}", new Object[] {id, e.getMessage()});
            close("parse error");
        }
    }

    /** A binary frame from the client: an attachment of the binary packet being received. */
    public void receive(byte[] binary) {
        if (closed.get()) {
            return;
        }
        SocketPacket complete = null;
        synchronized (this) {
            if (incompleteBinary == null) {
                LOG.log(Level.FINE, "{0}: binary frame outside a binary packet ignored", id);
                return;
            }
            incompleteBinary = incompleteBinary.withBuffer(binary);
            if (!incompleteBinary.awaitsAttachments()) {
                complete = incompleteBinary;
                incompleteBinary = null;
            }
        }
        if (complete != null) {
            listener.onPacket(this, complete);
        }
    }

    private void receiveSocketPacket(SocketPacket packet) {
        if (packet.type().isBinary() && packet.awaitsAttachments()) {
            synchronized (this) {
                incompleteBinary = packet;
            }
            return;
        }
        listener.onPacket(this, packet);
    }

    public void send(EnginePacket packet) {
        enqueue(new Frame(packet.encode(), null));
    }

    public void send(SocketPacket packet) {
        send(packet, null);
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
        if (queued.incrementAndGet() > settings.outboundQueueLimit()) {
            LOG.log(Level.WARNING, "closing {0}: the client does not keep up with its messages", id);
            close("outbound queue overflow");
            return;
        }
        outbound.add(frame);
        transport.flush(this);
    }

    Frame nextFrame() {
        Frame frame = outbound.poll();
        if (frame != null) {
            queued.decrementAndGet();
        }
        return frame;
    }

    boolean hasQueuedFrames() {
        return !outbound.isEmpty();
    }

    private void ping() {
        if (closed.get()) {
            return;
        }
        synchronized (heartbeatLock) {
            pongDeadline = scheduler.schedule(() -> close("ping timeout"), settings.pingTimeout(),
                    TimeUnit.MILLISECONDS);
        }
        send(EnginePacket.PING);
    }

    private void onPong() {
        synchronized (heartbeatLock) {
            if (pongDeadline == null || closed.get()) {
                return;
            }
            pongDeadline.cancel(false);
            pongDeadline = null;
            nextPing = scheduler.schedule(this::ping, settings.pingInterval(), TimeUnit.MILLISECONDS);
        }
    }

    private void connectTimedOut() {
        if (!socketConnected) {
            close("connect timeout");
        }
    }

    /** The client joined the main namespace. */
    void socketConnected(JsonObject auth) {
        handshakeAuth = auth == null ? JsonValue.EMPTY_JSON_OBJECT : auth;
        socketConnected = true;
        synchronized (heartbeatLock) {
            if (connectDeadline != null) {
                connectDeadline.cancel(false);
            }
        }
    }

    /** The client left the main namespace; the Engine.IO session stays open. */
    void socketDisconnected() {
        socketConnected = false;
    }

    boolean isSocketConnected() {
        return socketConnected;
    }

    String socketId() {
        return socketId;
    }

    JsonObject handshakeAuth() {
        return handshakeAuth;
    }

    /** Closes the session once; later calls do nothing. */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (heartbeatLock) {
            cancel(nextPing);
            cancel(pongDeadline);
            cancel(connectDeadline);
        }
        outbound.clear();
        try {
            transport.close(reason);
        } finally {
            listener.onClose(this, reason);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
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

    @Override
    public void emit(String event, JsonValue payload, Runnable onWritten) {
        send(SocketIoCodec.event(event, payload), onWritten);
    }

    @Override
    public void disconnect(String reason) {
        send(new SocketPacket(SocketPacket.Type.DISCONNECT, SocketPacket.MAIN_NAMESPACE, null, null),
                () -> close(reason));
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
