package org.nodeim.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * A nodeim user's client in the tests: the real Java Socket.IO client, with the two ways of
 * calling a command and a queue per pushed event.
 */
public final class ChatClient implements AutoCloseable {

    public static final long TIMEOUT_SECONDS = 15;

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Socket socket;
    private final Map<String, BlockingQueue<JSONObject>> events = new ConcurrentHashMap<>();
    private final Map<Object, CompletableFuture<JSONObject>> pendingCommands = new ConcurrentHashMap<>();
    private final AtomicInteger nextCommandId = new AtomicInteger(1);
    private final CompletableFuture<String> disconnected = new CompletableFuture<>();

    private ChatClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects with the WebSocket transport and waits for the Socket.IO handshake. */
    public static ChatClient connect(URL base) {
        return connect(base, new String[] {WebSocket.NAME});
    }

    public static ChatClient connect(URL base, String[] transports) {
        return connect(base, transports, Map.of());
    }

    /** Connects with the WebSocket transport, sending these HTTP headers with the handshake. */
    public static ChatClient connect(URL base, Map<String, List<String>> headers) {
        return connect(base, new String[] {WebSocket.NAME}, headers);
    }

    private static ChatClient connect(URL base, String[] transports, Map<String, List<String>> headers) {
        var options = IO.Options.builder()
                .setTransports(transports)
                .setExtraHeaders(headers)
                .setReconnection(false)
                .setForceNew(true)
                .setTimeout(TIMEOUT_SECONDS * 1000)
                .build();
        Socket socket = IO.socket(URI.create(Loopback.of(base).toExternalForm()), options);
        var client = new ChatClient(socket);
        var connected = new CompletableFuture<Void>();
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new IllegalStateException("connect error: " + (args.length > 0 ? args[0] : ""))));
        socket.on(Socket.EVENT_DISCONNECT, args -> client.disconnected.complete(args.length > 0 ? String.valueOf(args[0]) : ""));
        socket.on("rspn", args -> {
            var response = (JSONObject) args[0];
            var pending = client.pendingCommands.remove(response.opt("id"));
            if (pending != null) {
                pending.complete(response);
            }
        });
        socket.onAnyIncoming(args -> {
            if (args.length > 1 && args[1] instanceof JSONObject payload) {
                client.events.computeIfAbsent((String) args[0], name -> new LinkedBlockingQueue<>()).add(payload);
            }
            // Like /nodeim.js: a message is acknowledged once taken, the server's proof of receipt.
            if (args.length > 0 && args[args.length - 1] instanceof Ack receipt) {
                receipt.call();
            }
        });
        socket.connect();
        Await.value(connected);
        return client;
    }

    /** A fresh username for a test user. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + System.nanoTime() + "-" + NAMES.incrementAndGet();
    }

    /** Calls a command with an acknowledgement; the reply. */
    public JSONObject call(String command, Object data) {
        return Await.value(send(command, data));
    }

    /** Calls a command with an acknowledgement without waiting: completes with the reply. */
    public CompletableFuture<JSONObject> send(String command, Object data) {
        var reply = new CompletableFuture<JSONObject>();
        socket.emit(command, new Object[] {data}, args -> reply.complete((JSONObject) args[0]));
        return reply;
    }

    /** Calls a command with no argument at all, with an acknowledgement. */
    public JSONObject call(String command) {
        var reply = new CompletableFuture<JSONObject>();
        socket.emit(command, new Object[0], args -> reply.complete((JSONObject) args[0]));
        return Await.value(reply);
    }

    /** Calls a command the nodeim way, {@code {id, data}}, and returns the whole {@code rspn} event. */
    public JSONObject command(String command, JSONObject data) {
        int id = nextCommandId.getAndIncrement();
        var response = new CompletableFuture<JSONObject>();
        pendingCommands.put(id, response);
        var call = new JSONObject();
        put(call, "id", id);
        if (data != null) {
            put(call, "data", data);
        }
        socket.emit(command, call);
        return Await.value(response);
    }

    /** Emits an event with arguments and no acknowledgement. */
    public void emit(String event, Object... args) {
        socket.emit(event, args);
    }

    /** Signs up a new user with this name and password; the id. */
    public long signUp(String username, String password) {
        var reply = call("signup", json("username", username, "password", password));
        assertThat(reply.optInt("code")).as("signup of %s: %s", username, reply).isEqualTo(200);
        return reply.optLong("id");
    }

    /** Signs in; the reply. */
    public JSONObject signIn(String username, String password) {
        var reply = call("signin", json("username", username, "password", password));
        assertThat(reply.optInt("code")).as("signin of %s: %s", username, reply).isEqualTo(200);
        return reply;
    }

    /** The next event of that name pushed to this client. */
    public JSONObject nextEvent(String name) {
        try {
            JSONObject event = events(name).poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no '" + name + "' event within " + TIMEOUT_SECONDS + " s");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The events of that name received so far and not yet taken. */
    public BlockingQueue<JSONObject> events(String name) {
        return events.computeIfAbsent(name, n -> new LinkedBlockingQueue<>());
    }

    /** The route that ends this connection's socket id: the node that holds it in a cluster; empty otherwise. */
    public String route() {
        String id = socket.id();
        int dot = id == null ? -1 : id.lastIndexOf('.');
        return dot < 0 ? "" : id.substring(dot + 1);
    }

    public boolean isConnected() {
        return socket.connected();
    }

    /** Completes with the reason when the server disconnects this client. */
    public CompletableFuture<String> disconnected() {
        return disconnected;
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A JSON object of name/value pairs. */
    public static JSONObject json(Object... namesAndValues) {
        var object = new JSONObject();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            put(object, (String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static void put(JSONObject object, String name, Object value) {
        try {
            object.put(name, value);
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
