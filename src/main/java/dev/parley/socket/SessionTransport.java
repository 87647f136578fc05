package dev.parley.socket;

import dev.parley.connection.Close;
import dev.parley.connection.Encoded;
import dev.parley.connection.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A {@link Transport} over a JSR-356 session. Both containers open the endpoint once the handshake's 101
 * has gone out, on the thread that handled the handshake's request; {@link #opening} says whether that
 * open is still under way.
 */
abstract class SessionTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    protected final Session session;
    private volatile boolean opening = true;
    private final TextParts textParts;

    SessionTransport(Session session, int maxFrameChars) {
        this.session = session;
        this.textParts = new TextParts(maxFrameChars);
    }

    /** What puts this session's text messages back together from the container's parts. */
    TextParts textParts() {
        return textParts;
    }

    /** The endpoint's open has returned: the container is done with the handshake's request. */
    void opened() {
        opening = false;
    }

    /** Whether the endpoint's open (and with it the container's handling of the handshake) is still under way. */
    protected final boolean opening() {
        return opening;
    }

    @Override
    public void send(Encoded frame, Consumer<Throwable> done) {
        if (!beginWrite()) {
            done.accept(connectionClosed());
            return;
        }
        try {
            session.getAsyncRemote().sendText(frame.text(),
                    result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        } finally {
            endWrite();
        }
    }

    /**
     * A heartbeat ping, with no payload. A blocking write on some containers (Tomcat); the outbox asks for
     * one only when no other write is under way, so the socket has room for it.
     */
    @Override
    public void ping(Consumer<Throwable> done) {
        if (!beginWrite()) {
            done.accept(connectionClosed());
            return;
        }
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            done.accept(null);
        } catch (IOException | RuntimeException e) {
            done.accept(e);
        } finally {
            endWrite();
        }
    }

    /** Writes the close frame (where the container can) and lets the connection go. */
    protected final void closeSession(Close close) {
        if (!beginWrite()) {
            return;
        }
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(close.code()), close.reason()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a connection failed", e);
        } finally {
            endWrite();
        }
    }

    /**
     * Whether one of Parley's writes (a frame, a ping, the close) may go to the session now; each true is
     * followed by {@link #endWrite} once the container has taken the write. Always, unless the container
     * needs writes kept apart from its teardown ({@link WriteFence}).
     */
    protected boolean beginWrite() {
        return true;
    }

    protected void endWrite() {
    }

    /** The container has closed the session (the endpoint's close): nothing more is written to it. */
    void containerClosed() {
    }

    private static IllegalStateException connectionClosed() {
        return new IllegalStateException("the connection has closed");
    }

    /** The client answered a ping with {@code payload}: true when that confirms it read what was written. */
    boolean ponged(byte[] payload) {
        return false;
    }
}
