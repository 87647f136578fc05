package dev.parley.socket;

import dev.parley.connection.Close;
import dev.parley.connection.Encoded;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A session whose container reports a write done once it has queued it (Tyrus on Payara, over Grizzly),
 * and drops what it still queues when the connection closes. Parley learns what the client has really
 * read from pongs: after every {@code confirmEvery} bytes written a ping goes out behind them, and its
 * pong (which the client can only send once it has read everything before the ping) confirms them. The
 * ping's payload is random, so a client cannot confirm what it has not read by sending pongs of its own.
 * Until confirmed, written bytes count against the outbox's limit ({@link #unconfirmed}).
 *
 * <p>What must wait until the client has read (a direct message counts as delivered only then) waits for
 * the pong of a ping sent at once behind it.
 *
 * <p>A close waits, without holding a thread, until the client has confirmed everything written or the
 * wait has passed: the close timeout for a slow client (4408), at most a second for other closes.
 */
final class BufferingTransport extends SessionTransport {
    private static final System.Logger LOG = System.getLogger(BufferingTransport.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long DELIBERATE_CLOSE_WAIT_MILLIS = 1_000;
    private static final long CLOSE_AFTER_OPEN_DELAY_MILLIS = 200;

    private final ScheduledExecutorService timers;
    private final long confirmEvery;
    private final Duration closeTimeout;
    private long written;
    private long confirmed;
    /** The outstanding confirmation ping's payload and the bytes written before it; null when none is out. */
    private byte[] pingPayload;
    private long pingCovers;
    private Close closing;
    private boolean closed;
    /** What waits for the client to have read up to a byte count ({@link #afterRead}), oldest first. */
    private final ArrayDeque<AfterRead> afterRead = new ArrayDeque<>();
    private final WriteFence fence = new WriteFence();

    private record AfterRead(long upTo, Runnable action) {
    }

    BufferingTransport(jakarta.websocket.Session session, int maxFrameChars, ScheduledExecutorService timers,
                       long confirmEvery, Duration closeTimeout) {
        super(session, maxFrameChars);
        this.timers = timers;
        this.confirmEvery = confirmEvery;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public void send(Encoded frame, Consumer<Throwable> done) {
        super.send(frame, failure -> {
            if (failure == null) {
                byte[] ping;
                synchronized (this) {
                    written += frame.bytes();
                    ping = written - confirmed >= confirmEvery ? startPingLocked() : null;
                }
                sendPing(ping);
            }
            done.accept(failure);
        });
    }

    /** A ping goes out at once, so what waits for it (a direct message's delivery) waits one round trip. */
    @Override
    public void afterRead(Runnable action) {
        byte[] ping;
        synchronized (this) {
            if (closed) {
                return;
            }
            afterRead.add(new AfterRead(written, action));
            ping = startPingLocked();
        }
        sendPing(ping);
    }

    @Override
    public synchronized long unconfirmed() {
        return written - confirmed;
    }

    @Override
    boolean ponged(byte[] payload) {
        byte[] ping = null;
        Close closeNow = null;
        List<Runnable> read = new ArrayList<>();
        synchronized (this) {
            if (pingPayload == null || !Arrays.equals(pingPayload, payload)) {
                return false;
            }
            confirmed = pingCovers;
            pingPayload = null;
            while (!afterRead.isEmpty() && afterRead.peekFirst().upTo() <= confirmed) {
                read.add(afterRead.pollFirst().action());
            }
            if (closing != null && written == confirmed) {
                closeNow = closing;
            } else if (closing != null || !afterRead.isEmpty() || written - confirmed >= confirmEvery) {
                ping = startPingLocked();
            }
        }
        read.forEach(Runnable::run);
        sendPing(ping);
        if (closeNow != null) {
            closeOnce(closeNow);
        }
        return true;
    }

    /** The payload of a new confirmation ping, or null when one is out already. */
    private byte[] startPingLocked() {
        if (pingPayload != null || closed) {
            return null;
        }
        pingPayload = new byte[Long.BYTES];
        RANDOM.nextBytes(pingPayload);
        pingCovers = written;
        return pingPayload;
    }

    private void sendPing(byte[] payload) {
        if (payload == null || !beginWrite()) {
            return;
        }
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(payload));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "a confirmation ping failed", e);
        } finally {
            endWrite();
        }
    }

    @Override
    protected boolean beginWrite() {
        return fence.enter();
    }

    @Override
    protected void endWrite() {
        fence.exit();
    }

    /** Tyrus lets go of the connection's stream as soon as this returns: no write of Parley's may be under way. */
    @Override
    void containerClosed() {
        if (!fence.shut()) {
            LOG.log(System.Logger.Level.WARNING, "a write to a connection that has closed was still under way");
        }
        markClosed();
    }

    /**
     * A close asked for while the endpoint opens (a refusal: 4400, 4401, 1013) waits a moment past the open.
     * Payara opens the endpoint inside its handling of the handshake's request; closing the connection
     * there, before that request has left the container, leaves Grizzly to recycle a request that still
     * belongs to a live handshake, and the next connection's 101 fails with "Connection is closed" (the
     * client sees HTTP 500 or nothing). A timer runs the close instead, no thread waits.
     */
    private void afterOpen(Runnable action) {
        if (!opening()) {
            action.run();
            return;
        }
        try {
            timers.schedule(action, CLOSE_AFTER_OPEN_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            action.run();
        }
    }

    @Override
    public void close(Close close) {
        afterOpen(() -> {
            byte[] ping;
            boolean now;
            synchronized (this) {
                if (closing != null || closed) {
                    return;
                }
                closing = close;
                // shutting down: the 1001 goes out before the container tears the sockets down; a client
                // that misses what Grizzly still queued resumes with since
                now = written == confirmed || close.code() == Close.GOING_AWAY.code();
                ping = now ? null : startPingLocked();
            }
            if (now) {
                closeOnce(close);
                return;
            }
            sendPing(ping);
            long wait = close.slowConsumer() ? closeTimeout.toMillis()
                    : Math.min(closeTimeout.toMillis(), DELIBERATE_CLOSE_WAIT_MILLIS);
            try {
                timers.schedule(() -> closeOnce(close), wait, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                closeOnce(close);
            }
        });
    }

    @Override
    public void abort(Close close) {
        afterOpen(() -> closeOnce(close));
    }

    private void closeOnce(Close close) {
        if (markClosed()) {
            closeSession(close);
        }
    }

    /** Nothing more waits for the client's reads and no ping starts; false when that was so already. */
    private synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        afterRead.clear();
        return true;
    }
}
