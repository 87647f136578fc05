package dev.parley.socket;

import dev.parley.connection.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * What every Parley endpoint does alike: it opens its session as a {@link Connection}, closes binary
 * frames with 1003, takes pongs as proof of life, logs errors, and cleans up once when the connection
 * ends, whether the container reports the close or a failed write ends it first. Subclasses add their
 * open and text handlers.
 */
public abstract class SocketEndpoint {
    protected final Sockets sockets;

    protected SocketEndpoint(Sockets sockets) {
        this.sockets = sockets;
    }

    /** The endpoint's own clean-up when its connection ends; runs once, on any thread. */
    protected abstract void closed();

    /** Opens the session as a connection of {@code endpoint}, or answers null when it was refused. */
    protected Connection connect(Session session, String endpoint) {
        Connection connection = sockets.open(session, endpoint);
        if (connection != null) {
            connection.onEnd(this::closed);
        }
        return connection;
    }

    @OnMessage
    public void binary(ByteBuffer data, Session session) {
        sockets.refuseBinary(session);
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) {
        sockets.ponged(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        sockets.failed(session, error);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        sockets.closed(session, reason);
    }
}
