package org.nodeim.protocol;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets go of the WebSocket layer's copy of a connection's handshake once the endpoint has read
 * what it needs of it.
 *
 * <p>Tyrus, Payara's WebSocket layer, copies the handshake's request and its 101 answer (headers,
 * parameters, URI, its configuration) into an object that the connection's upgrade handler keeps
 * for the connection's life, though it reads that object only while it opens the session; the
 * session keeps the query string and its parameters besides: about 3.5 KB of each connection's
 * heap. The session has taken what it needs before the endpoint opens, and the handler has then
 * read the copy for the last time, so once the endpoint has read the parameters it drops the
 * handler's reference to the copy (reached by reflection from the session's remote endpoint: its
 * web socket, protocol handler, writer and upgrade handler) and gives the session an empty
 * parameter map and no query string. On another server, or when those classes change, the
 * connection is left as it is. The first connection tells in the log and in {@link #outcome()}
 * whether the copy was let go.
 */
final class HandshakeCopy {

    private static final Logger LOG = Logger.getLogger(HandshakeCopy.class.getName());

    /** What became of the first connection's copy. */
    enum Outcome { NO_CONNECTION_YET, RELEASED, NOT_FOUND }

    private static volatile Outcome outcome = Outcome.NO_CONNECTION_YET;

    /** How the upgrade handler is reached from a remote endpoint of this class, once found. */
    private record Path(Class<?> remote, Field webSocket, Field protocolHandler, Field writer, Field handler,
            Field delegate, Field upgradeInfo, Class<?> session, Field parameters, Field query) {
    }

    private static volatile Path path;

    /** The class of remote endpoint where no path was found: not looked for again. */
    private static volatile Class<?> notFoundIn;

    private HandshakeCopy() {
    }

    /** What became of the first connection's copy. */
    static Outcome outcome() {
        return outcome;
    }

    /**
     * Drops the upgrade handler's copy of the handshake of this newly opened session, and the
     * session's query string and parameters: read them before.
     */
    static void release(Session socket) {
        Object remote = socket.getAsyncRemote();
        if (remote.getClass() == notFoundIn) {
            return;
        }
        Outcome result;
        try {
            Path known = path;
            if (known == null || known.remote() != remote.getClass() || known.session() != socket.getClass()) {
                known = find(socket, remote);
                path = known;
            }
            Object protocolHandler = known.protocolHandler().get(known.webSocket().get(remote));
            Object handler = known.handler().get(known.writer().get(protocolHandler));
            if (known.delegate() != null) {
                handler = known.delegate().get(handler);
            }
            known.upgradeInfo().set(handler, null);
            known.parameters().set(socket, Map.of());
            known.query().set(socket, null);
            result = Outcome.RELEASED;
        } catch (ReflectiveOperationException | RuntimeException e) {
            result = Outcome.NOT_FOUND;
            Path known = path;
            if (known == null || known.remote() != remote.getClass()) {
                notFoundIn = remote.getClass();
            }
            if (outcome == Outcome.NO_CONNECTION_YET) {
                LOG.log(Level.FINE, "the WebSocket layer's copy of the handshake could not be released", e);
            }
        }
        if (outcome == Outcome.NO_CONNECTION_YET) {
            outcome = result;
            LOG.info(result == Outcome.RELEASED
                    ? "the WebSocket layer's copies of handshakes are released when their endpoints open"
                    : "the WebSocket layer's copies of handshakes are kept (not found in this container)");
        }
    }

    /**
     * Tyrus's remote endpoint knows its web socket, which knows its protocol handler, whose writer
     * knows the upgrade handler (or a proxy of it, which knows the handler); Tyrus's session
     * keeps the parameters and the query string.
     */
    private static Path find(Session socket, Object remote) throws ReflectiveOperationException {
        Field webSocket = ContainerFields.find(remote.getClass(), "webSocket");
        Field protocolHandler = ContainerFields.find(webSocket.getType(), "protocolHandler");
        Field writer = ContainerFields.find(protocolHandler.getType(), "writer");
        Object sample = writer.get(protocolHandler.get(webSocket.get(remote)));
        Field handler = ContainerFields.find(sample.getClass(), "tyrusHttpUpgradeHandler");
        Object upgradeHandler = handler.get(sample);
        Field delegate = null;
        try {
            delegate = ContainerFields.find(upgradeHandler.getClass(), "handler");
            upgradeHandler = delegate.get(upgradeHandler);
        } catch (NoSuchFieldException e) {
            // the writer knows the handler itself
        }
        Field parameters = ContainerFields.find(socket.getClass(), "requestParameterMap");
        Field query = ContainerFields.find(socket.getClass(), "queryString");
        if (parameters.getType() != Map.class || query.getType() != String.class) {
            throw new NoSuchFieldException("no parameter map and query string in " + socket.getClass().getName());
        }
        return new Path(remote.getClass(), webSocket, protocolHandler, writer, handler, delegate,
                ContainerFields.find(upgradeHandler.getClass(), "upgradeInfo"), socket.getClass(), parameters, query);
    }
}
