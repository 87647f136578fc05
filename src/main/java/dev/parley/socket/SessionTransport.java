package dev.parley.socket;

import dev.parley.outbox.Transport;
import dev.parley.wire.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A {@link Transport} over a JSR-356 session: asynchronous writes, and closes run off the caller's thread. */
final class SessionTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());
    /** The payload of the ping {@link #closeWhenRead} waits on; the outbox's pings carry 8 bytes, heartbeats none. */
    private static final byte[] DRAIN = {'d', 'r', 'a', 'i', 'n'};
    /** How long a deliberate close other than 4408 waits for the pong of a client that reads along. */
    private static final long DELIBERATE_CLOSE_WAIT_MILLIS = 1_000;

    private final Session session;
    private final Executor closer;
    private final long closeTimeoutMillis;
    /**
     * Whether the container reports a write done before the socket took it (Tyrus on Payara: Grizzly
     * queues it) and drops what it still queues when the connection closes. Tomcat does neither: its
     * writes complete at the socket, and its close frame waits behind queued data (up to the close
     * timeout, set in {@link Sockets}), so there the outbox needs no pings and a close no drain.
     */
    private final boolean buffersWrites;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile CompletableFuture<Void> drained;

    SessionTransport(Session session, Executor closer, long closeTimeoutMillis) {
        this.session = session;
        this.closer = closer;
        this.closeTimeoutMillis = closeTimeoutMillis;
        this.buffersWrites = !session.getClass().getName().startsWith("org.apache.tomcat.websocket.");
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

    @Override
    public boolean pingsInOrder() {
        return buffersWrites;
    }

    /** The outbox's ping: off the caller's thread too, and {@code done} once written. */
    @Override
    public void ping(byte[] payload, Consumer<Throwable> done) {
        try {
            closer.execute(() -> {
                try {
                    session.getAsyncRemote().sendPing(ByteBuffer.wrap(payload));
                    done.accept(null);
                } catch (IOException | RuntimeException e) {
                    done.accept(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.accept(e);
        }
    }

    /** The client answered a ping. */
    void ponged(byte[] payload) {
        CompletableFuture<Void> waiting = drained;
        if (waiting != null && Arrays.equals(payload, DRAIN)) {
            waiting.complete(null);
        }
    }

    /** A close writes a close frame, which can wait on a stalled client: never on the caller's thread. */
    @Override
    public void close(int code, String reason) {
        close(code, reason, false);
    }

    @Override
    public void afterHandshake(Runnable action) {
        HandshakeContext.afterResponse(action);
    }

    @Override
    public void closeWhenRead(int code, String reason) {
        close(code, reason, true);
    }

    private void close(int code, String reason, boolean afterRead) {
        boolean whenRead = afterRead && buffersWrites;
        if (whenRead && !draining.compareAndSet(false, true)) {
            return;
        }
        closer.execute(() -> {
            try {
                if (session.isOpen()) {
                    if (whenRead) {
                        awaitDrained(code == CloseCodes.SLOW_CONSUMER
                                ? closeTimeoutMillis : Math.min(closeTimeoutMillis, DELIBERATE_CLOSE_WAIT_MILLIS));
                    }
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a connection failed", e);
            }
        });
    }

    /**
     * Waits, up to the close timeout, until the client has read what was written before its close
     * frame. Tyrus (Payara) drops the connection right after queueing the close frame, and with it every
     * frame Tyrus still queues: without this wait, a client closed after errors (4429) could miss the
     * errors, and a client behind on reading would never learn its 4408. A ping goes out behind the
     * written frames; its pong says they were read. A slow client (4408) gets the close timeout to
     * read up; other closes wait a second at most, for a client that does not answer pings.
     */
    private void awaitDrained(long waitMillis) {
        CompletableFuture<Void> pong = new CompletableFuture<>();
        drained = pong;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(DRAIN));
            pong.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return;
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "a slow client did not read up before its close", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
