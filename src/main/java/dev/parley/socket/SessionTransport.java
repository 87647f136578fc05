package dev.parley.socket;

import dev.parley.outbox.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** A {@link Transport} over a JSR-356 session: asynchronous writes, and closes run off the caller's thread. */
final class SessionTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final Executor closer;

    SessionTransport(Session session, Executor closer) {
        this.session = session;
        this.closer = closer;
    }

    @Override
    public void send(String text, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    /** A ping is a blocking write in some containers: never on the caller's thread. */
    @Override
    public void ping() {
        closer.execute(() -> {
            try {
                if (session.isOpen()) {
                    session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "pinging a connection failed", e);
            }
        });
    }

    /** A close writes a close frame, which can wait on a stalled client: never on the caller's thread. */
    @Override
    public void close(int code, String reason) {
        closer.execute(() -> {
            try {
                if (session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a connection failed", e);
            }
        });
    }
}
