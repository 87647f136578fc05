package dev.parley.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * What every Parley endpoint answers alike: binary frames close with 1003, pongs prove the client alive,
 * errors are logged, and a close is counted. Subclasses add their open and text handlers.
 */
public abstract class SocketEndpoint {
    protected final Sockets sockets;

    protected SocketEndpoint(Sockets sockets) {
        this.sockets = sockets;
    }

    /** The endpoint's own clean-up when its connection closes. */
    protected abstract void closed();

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
        closed();
        sockets.closed(session, reason);
    }
}
