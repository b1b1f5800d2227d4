package org.nodeim.testing;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket to {@code /socket.io/}, frame by frame, for the wire-level tests: it never
 * answers pings by itself.
 */
public final class RawSocket implements AutoCloseable {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private volatile boolean reading = true;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RawSocket(URL base, String query, String path) {
        URI uri = URI.create(Loopback.of(base).toExternalForm().replaceFirst("^http", "ws") + path + "?" + query);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        if (reading) {
                            ws.request(1);
                        }
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                })
                .join();
    }

    public static RawSocket open(URL base) {
        return open(base, "EIO=4&transport=websocket");
    }

    public static RawSocket open(URL base, String query) {
        return open(base, query, "socket.io/");
    }

    /** A bare WebSocket to another path of the server, such as {@code engine.io/}. */
    public static RawSocket open(URL base, String query, String path) {
        return new RawSocket(base, query, path);
    }

    /** Opens, reads the open packet, and joins the main namespace. */
    public static RawSocket connected(URL base) {
        var raw = open(base);
        raw.next();
        raw.send("40");
        raw.next();
        return raw;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends a frame that the server may refuse, closing the connection before it is all written. */
    public void trySend(String text) {
        socket.sendText(text, true).exceptionally(e -> null).join();
    }

    /** Sends a frame if the connection is still open; the server may have closed it already. */
    public void trySend(String text, byte[] binary) {
        socket.sendText(text, true)
                .thenCompose(ws -> ws.sendBinary(ByteBuffer.wrap(binary), true))
                .exceptionally(e -> null)
                .join();
    }

    /** The next text frame from the server; fails after the test timeout. */
    public String next() {
        return next(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public String next(long timeout, TimeUnit unit) {
        try {
            String frame = frames.poll(timeout, unit);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout + " " + unit);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Stops reading from the connection, as a client that hangs would: the server's writes pile up. */
    public void stopReading() {
        reading = false;
    }

    /** Completes with the close status when the server closes the connection. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** The connection dies as a crashed client's would: no close frame, the TCP connection just ends. */
    public void destroy() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }
}
