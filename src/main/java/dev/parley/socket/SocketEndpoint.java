package dev.parley.socket;

import dev.parley.connection.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every Parley endpoint does alike: it opens its session as a {@link Connection}, closes binary
 * frames with 1003, takes pongs as proof of life, logs errors, and undoes what the connection joined
 * exactly once when it ends, whether the container reports the close or a failed write ends it first,
 * even while the join is still under way.
 */
public abstract class SocketEndpoint {
    private static final Runnable ENDED = () -> { };

    protected final Sockets sockets;
    private final AtomicReference<Runnable> undo = new AtomicReference<>();

    protected SocketEndpoint(Sockets sockets) {
        this.sockets = sockets;
    }

    /** Opens the session as a connection of {@code endpoint}, or answers null when it was refused. */
    protected Connection connect(Session session, String endpoint) {
        Connection connection = sockets.open(session, endpoint);
        if (connection != null) {
            connection.onEnd(() -> {
                Runnable cleanup = undo.getAndSet(ENDED);
                if (cleanup != null) {
                    cleanup.run();
                }
            });
        }
        return connection;
    }

    /** What to undo when the connection ends (leave a room, ...); undone at once if it has ended already. */
    protected void undoOnEnd(Runnable cleanup) {
        if (!undo.compareAndSet(null, cleanup)) {
            cleanup.run();
        }
    }

    @OnMessage
    public void binary(ByteBuffer data, Session session) {
        sockets.refuseBinary(session);
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) {
        sockets.ponged(session, pong);
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
