package dev.parley.connection;

import dev.parley.access.RateLimiter;
import dev.parley.ops.Metrics;
import dev.parley.outbox.Encoded;
import dev.parley.outbox.Outbox;
import dev.parley.outbox.OutboxEvents;
import dev.parley.outbox.Transport;
import dev.parley.wire.CloseCodes;
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.Inbound;
import dev.parley.wire.PongFrame;
import dev.parley.wire.ServerFrame;
import java.time.Instant;
import java.util.List;

/** One open WebSocket as the chat rules see it: who it is, its outbox, its rate limit, and its liveness. */
public final class Connection {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final String id;
    private final String endpoint;
    private final String address;
    private final String identity;
    private final Instant opened = Instant.now();
    private final Transport transport;
    private final Outbox outbox;
    private final Metrics metrics;
    private final RateLimiter rate;
    private final Connections registry;
    private volatile Runnable onEnd = () -> { };
    private volatile long lastHeard = System.nanoTime();
    private volatile long pingSent;

    Connection(String id, String endpoint, String address, String identity, Transport transport,
               ConnectionPolicy policy, Metrics metrics, Connections registry) {
        this.registry = registry;
        this.id = id;
        this.endpoint = endpoint;
        this.address = address;
        this.identity = identity;
        this.transport = transport;
        this.metrics = metrics;
        this.outbox = new Outbox(transport, policy.outbox(), true, new OutboxEvents() {
            @Override
            public void written(Encoded frame) {
                metrics.written(frame);
            }

            @Override
            public void overflowed() {
                metrics.overflowed();
            }

            /** The container may drop a socket whose write failed without telling the endpoint: end it here. */
            @Override
            public void failed(Throwable failure) {
                transport.close(CloseCodes.CLOSED_ABNORMALLY, "write failed");
                registry.closed(Connection.this, CloseCodes.CLOSED_ABNORMALLY);
            }
        });
        this.rate = new RateLimiter(policy.ratePerSecond(), policy.rateBurst(), policy.rateStrikes(), System.nanoTime());
    }

    /** Unique across every node: the node's name and a counter. */
    public String id() {
        return id;
    }

    /** {@code room}, {@code user}, {@code echo} or {@code monitor}. */
    public String endpoint() {
        return endpoint;
    }

    /** The client's address, or null when the container did not tell. */
    String address() {
        return address;
    }

    /** Who the client proved to be (a token's subject or the container's principal), or null. */
    public String identity() {
        return identity;
    }

    public Instant opened() {
        return opened;
    }

    /**
     * A frame from the client, counted by type: true when it may be handled. Over the rate limit it is
     * answered with {@code rate_limited} instead, and a client that keeps sending is closed with 4429.
     */
    public boolean admit(String type, String ref) {
        metrics.frameIn(type);
        RateLimiter.Verdict verdict = rate.check(System.nanoTime());
        if (verdict == RateLimiter.Verdict.ADMIT) {
            return true;
        }
        send(ErrorFrame.of(ErrorCode.RATE_LIMITED, "slow down: too many frames", ref));
        if (verdict == RateLimiter.Verdict.REFUSE_AND_CLOSE) {
            LOG.log(System.Logger.Level.INFO, "closing {0}: kept sending while rate limited", id);
            close(CloseCodes.RATE_LIMITED, "kept sending after rate_limited errors");
        }
        return false;
    }

    /**
     * Admits a frame from the client and answers what every endpoint answers alike: a ping with a pong,
     * an invalid frame with its error. Answers the message for the caller, or null when nothing is left to do.
     */
    public Inbound.Message accept(Inbound frame) {
        if (!admit(frame.kind(), frame.ref())) {
            return null;
        }
        if (frame instanceof Inbound.Invalid invalid) {
            send(ErrorFrame.of(invalid.code(), invalid.message(), invalid.ref()));
            return null;
        }
        if (frame instanceof Inbound.Ping ping) {
            send(PongFrame.of(ping.ref()));
            return null;
        }
        return (Inbound.Message) frame;
    }

    /** The client answered a ping. */
    public void ponged() {
        ponged(new byte[0]);
    }

    /** The client answered a ping: a heartbeat's, or the outbox's with {@code payload}. */
    public void ponged(byte[] payload) {
        lastHeard = System.nanoTime();
        pingSent = 0;
        outbox.ponged(payload);
    }

    /** Pings a connection silent for {@code interval}; closes one whose ping went unanswered for {@code timeout}. */
    void checkAlive(long now, long intervalNanos, long timeoutNanos) {
        long sent = pingSent;
        if (sent != 0 && now - sent > timeoutNanos) {
            LOG.log(System.Logger.Level.INFO, "closing {0}: pings unanswered", id);
            abort(CloseCodes.SLOW_CONSUMER, "pings unanswered");
        } else if (sent == 0 && now - lastHeard >= intervalNanos) {
            pingSent = now;
            transport.ping();
        }
    }

    public void send(ServerFrame frame) {
        if (frame instanceof ErrorFrame error) {
            metrics.errorSent(error.code());
            LOG.log(System.Logger.Level.DEBUG, "error {0} sent to {1}", error.code(), id);
        }
        outbox.offer(Encoded.of(frame));
    }

    public void send(Encoded frame) {
        outbox.offer(frame);
    }

    /** Starts writing: the welcome frames first, then stream frames after {@code covered}. */
    public void open(List<Encoded> welcome, long covered) {
        transport.afterHandshake(() -> outbox.release(welcome, covered));
    }

    /** Opens the connection for frames that are not part of any stream (echo, monitor). */
    public void open() {
        transport.afterHandshake(() -> outbox.release(List.of(), 0));
    }

    /** Closes after writing what is already queued, so the client learns what it was told and why it is closed. */
    public void close(int code, String reason) {
        outbox.closeAfterPending(code, reason);
    }

    /** Closes at once, dropping what is queued: for a client that is not reading anyway. */
    void abort(int code, String reason) {
        outbox.discard();
        transport.close(code, reason);
    }

    /** What the endpoint must undo when this connection ends (leave its room, ...); run once, however it ends. */
    public void onEnd(Runnable cleanup) {
        this.onEnd = cleanup;
    }

    /** The connection ended: stop queueing for it and let its endpoint clean up. */
    void ended() {
        outbox.discard();
        onEnd.run();
    }

    public int queued() {
        return outbox.depth();
    }
}
