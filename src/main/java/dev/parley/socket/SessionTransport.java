package dev.parley.socket;

import dev.parley.connection.Close;
import dev.parley.connection.Encoded;
import dev.parley.connection.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Transport} over a JSR-356 session. Nothing reaches the session before the handshake's own
 * response has gone out: Payara opens the endpoint inside the handshake's filter chain, before it flushes
 * the 101, and a frame or close written then from another thread could reach the client first or break
 * the response. So what is asked before that waits, in order, until {@link HandshakeContext} says so.
 */
abstract class SessionTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    protected final Session session;
    private List<Runnable> beforeResponse;

    SessionTransport(Session session) {
        this.session = session;
        if (HandshakeContext.inHandshake()) {
            beforeResponse = new ArrayList<>();
            HandshakeContext.afterResponse(this::responded);
        }
    }

    private void responded() {
        List<Runnable> waiting;
        synchronized (this) {
            waiting = beforeResponse;
            beforeResponse = null;
        }
        waiting.forEach(Runnable::run);
    }

    /** Whether the handshake this connection was opened in has not responded yet. */
    protected final synchronized boolean beforeResponse() {
        return beforeResponse != null;
    }

    /** Runs {@code action} now, or once the handshake has responded. */
    protected final void whenResponded(Runnable action) {
        synchronized (this) {
            if (beforeResponse != null) {
                beforeResponse.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public void send(Encoded frame, Consumer<Throwable> done) {
        whenResponded(() -> {
            try {
                session.getAsyncRemote().sendText(frame.text(),
                        result -> done.accept(result.isOK() ? null : result.getException()));
            } catch (RuntimeException e) {
                done.accept(e);
            }
        });
    }

    /**
     * A heartbeat ping, with no payload. A blocking write on some containers (Tomcat); the outbox asks for
     * one only when no other write is under way, so the socket has room for it.
     */
    @Override
    public void ping(Consumer<Throwable> done) {
        whenResponded(() -> {
            try {
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                done.accept(null);
            } catch (IOException | RuntimeException e) {
                done.accept(e);
            }
        });
    }

    /** Writes the close frame (where the container can) and lets the connection go. */
    protected final void closeSession(Close close) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(close.code()), close.reason()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a connection failed", e);
        }
    }

    /** The client answered a ping with {@code payload}: true when that confirms it read what was written. */
    boolean ponged(byte[] payload) {
        return false;
    }
}
