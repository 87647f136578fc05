package dev.parley.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * What every Parley endpoint hands on alike: binary frames, pongs, errors and the close, all to
 * {@link Sockets}. An endpoint adds only its open and its text frames.
 */
public abstract class SocketEndpoint {
    protected final Sockets sockets;

    protected SocketEndpoint(Sockets sockets) {
        this.sockets = sockets;
    }

    /**
     * A text message, in parts: the container buffers little of a message per session, and Parley puts
     * the rare long one back together ({@link Sockets#text}).
     */
    @OnMessage
    public void text(String part, boolean last, Session session) {
        sockets.text(session, part, last, text -> message(text, session));
    }

    /** A whole text message (or one cut just past the maximum, which the gate refuses). */
    protected abstract void message(String text, Session session);

    /** Any part of a binary message ends the connection; taken in parts so the container buffers none of it. */
    @OnMessage
    public void binary(ByteBuffer part, boolean last, Session session) {
        sockets.binary(session);
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
