package dev.parley.connection;

import dev.parley.access.Identity;
import dev.parley.access.RateLimiter;
import dev.parley.ops.Metrics;
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.ServerFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One WebSocket as the rules see it: who it is, its outbox, its rate limit and its liveness, and the one
 * way it ends: {@link #close(Close, boolean)} with a close value. When it starts to close, whatever it
 * joined is left, once; when its socket is gone, the hub forgets it, once.
 */
public final class Connection {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private final String id;
    private final EndpointKind kind;
    private final String address;
    private final String identity;
    private final long openedAt = System.nanoTime();
    private final Outbox outbox;
    private final RateLimiter rate;
    private final Metrics metrics;
    private final Hub hub;
    private final Heartbeat heartbeat = new Heartbeat();
    private final Departure departure = new Departure();
    private volatile Identity proven;
    private ScheduledFuture<?> expiry;
    private volatile String group;
    private volatile String name;

    Connection(String id, EndpointKind kind, String address, Identity proven, Transport transport,
               ConnectionPolicy policy, Metrics metrics, Hub hub) {
        this.id = id;
        this.kind = kind;
        this.address = address;
        this.identity = proven == null ? null : proven.user();
        this.proven = proven;
        this.metrics = metrics;
        this.hub = hub;
        this.outbox = new Outbox(transport, policy.outboxFrames(), policy.outboxBytes(), new Outbox.Events() {
            @Override
            public void written(Encoded frame) {
                metrics.written(frame.type(), frame.accepted());
            }

            @Override
            public void failed(Throwable failure) {
                abort(Close.LOST);
            }
        });
        this.rate = new RateLimiter(policy.ratePerSecond(), policy.rateBurst(), policy.rateStrikes(), System.nanoTime());
    }

    /** Unique across every node: the node's name and a counter. */
    public String id() {
        return id;
    }

    public EndpointKind kind() {
        return kind;
    }

    /** The client's address, or null when the container did not tell. */
    String address() {
        return address;
    }

    /** Who the client proved to be (a token's subject or the container's principal), or null. */
    public String identity() {
        return identity;
    }

    /**
     * All the client proved: its user, display name, token expiry and rooms; null when nobody was asked to
     * prove anything. A fresh token sent on the connection replaces it.
     */
    public Identity proven() {
        return proven;
    }

    /**
     * Takes {@code fresh} (the same user's) as what the client proved, and ends the connection with
     * {@code 4401 token expired} when its token expires: the one timer of the node ends it, any earlier
     * expiry is cancelled.
     */
    public synchronized void prove(Identity fresh, ScheduledExecutorService timers) {
        this.proven = fresh;
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        Instant at = fresh.expiresAt();
        if (at != null && !isClosing()) {
            long wait = Math.max(0, Duration.between(Instant.now(), at).toMillis());
            expiry = timers.schedule(() -> close(Close.TOKEN_EXPIRED, true), wait, TimeUnit.MILLISECONDS);
        }
    }

    /** The room it joined, or its user; null before it has joined one. */
    public String group() {
        return group;
    }

    /** The name it has in its room, or its user; null before it has joined one. */
    public String name() {
        return name;
    }

    long openedAt() {
        return openedAt;
    }

    /** Names the connection in its room (or as its user): set before it joins the group, where fan-out reads it. */
    void named(String group, String name) {
        this.group = group;
        this.name = name;
    }

    /**
     * What to run once when it ends, now that it has joined a group: false, running nothing, when it has
     * ended already (then the caller undoes the joining itself).
     */
    boolean joined(Runnable leave) {
        return departure.joined(leave);
    }

    /**
     * Starts writing: the welcome frames first, then {@code catchUp} (encoded one at a time as the
     * socket drains), then the live stream frames after {@code covered}.
     */
    public void open(List<Encoded> welcome, Iterator<Encoded> catchUp, long covered) {
        if (outbox.open(welcome, catchUp, covered) == Outbox.Offer.OVERFLOWED) {
            overflowed();
        }
    }

    /** Starts writing, for a connection whose frames belong to no stream (echo, monitor). */
    public void open() {
        open(List.of(), Collections.emptyIterator(), 0);
    }

    public void send(ServerFrame frame) {
        if (frame instanceof ErrorFrame error) {
            metrics.errorSent(error.code());
            LOG.log(System.Logger.Level.DEBUG, "error {0} sent to {1}", error.code(), id);
        }
        send(Encoded.of(frame));
    }

    public void send(Encoded frame) {
        if (outbox.offer(frame) == Outbox.Offer.OVERFLOWED) {
            overflowed();
        }
    }

    private void overflowed() {
        metrics.overflowed();
        departure.leave();
    }

    /**
     * Ends the connection with {@code close}: after writing what is already queued when {@code afterQueued}
     * (the client then learns what it was told, and why it is closed), else dropping it. Closing twice is
     * harmless: the first close value stands.
     */
    public void close(Close close, boolean afterQueued) {
        if (outbox.close(close, afterQueued)) {
            departure.leave();
        }
    }

    /** Ends the connection at once, for a client that is not reading or is gone. */
    void abort(Close close) {
        outbox.abort(close);
        departure.leave();
        gone(close.code());
    }

    /**
     * A frame from the client counted against the rate limit: true when it may be handled. Over the limit
     * it is answered with {@code rate_limited} instead (carrying the frame's {@code ref}, so the client
     * knows which one was refused), and a client that keeps sending without waiting is closed with 4429.
     */
    boolean admit(Supplier<String> ref) {
        RateLimiter.Verdict verdict = rate.check(System.nanoTime());
        if (verdict != RateLimiter.Verdict.ADMIT) {
            send(ErrorFrame.of(ErrorCode.RATE_LIMITED, "slow down: too many frames", ref.get()));
        }
        return admitted(verdict);
    }

    /** As {@link #admit}, for a frame that gets no answer when refused (a pong). */
    boolean admitSilently() {
        return admitted(rate.check(System.nanoTime()));
    }

    private boolean admitted(RateLimiter.Verdict verdict) {
        if (verdict == RateLimiter.Verdict.REFUSE_AND_CLOSE) {
            close(Close.RATE_LIMITED, true);
        }
        return verdict == RateLimiter.Verdict.ADMIT;
    }

    /** The client sent a frame or a pong: it is alive, and any heartbeat ping before now is answered. */
    void heard() {
        heartbeat.heard();
    }

    /** The transport saw the client read up: the outbox may write again. */
    public void confirmed() {
        outbox.resume();
    }

    /**
     * The node's periodic check: a connection whose write (or close) has not progressed for the ping
     * timeout (or the close timeout) is not reading and is dropped; one silent for the ping interval is
     * pinged, if nothing else is being written to it; one whose ping went unanswered is dropped.
     */
    void checkAlive(long now, ConnectionPolicy policy) {
        long closing = outbox.closingFor(now);
        if (closing > 2 * policy.closeTimeout().toNanos()) {
            // the container never reported the close it was asked for: forget the connection anyway
            gone(outbox.closeValue() == null ? Close.LOST.code() : outbox.closeValue().code());
        } else if (closing > policy.closeTimeout().toNanos() && outbox.state() == Outbox.State.CLOSING) {
            abort(outbox.closeValue());
        } else if (outbox.stalledFor(now) > policy.pingTimeout().toNanos()) {
            abort(Close.NOT_READING);
        } else if (heartbeat.unanswered(now, policy.pingTimeout().toNanos())) {
            abort(Close.PINGS_UNANSWERED);
        } else if (closing == 0) {
            heartbeat.pingIfSilent(now, policy.pingInterval().toNanos(), outbox);
        }
    }

    /** The container reports the socket closed with {@code code}. */
    public void socketClosed(int code) {
        Close ours = outbox.gone();
        departure.leave();
        gone(ours != null ? ours.code() : code);
    }

    /** The socket is gone: the hub forgets it, once. */
    private void gone(int code) {
        if (departure.gone()) {
            synchronized (this) {
                if (expiry != null) {
                    expiry.cancel(false);
                }
            }
            hub.forget(this, code);
        }
    }

    /** Frames waiting, including the one being written. */
    public int queued() {
        return outbox.depth();
    }

    long queuedBytes() {
        return outbox.queuedBytes();
    }

    boolean isOpen() {
        return outbox.state() == Outbox.State.OPEN;
    }

    /** Whether it is closing or closed: nothing it sends is handled any more. */
    boolean isClosing() {
        Outbox.State state = outbox.state();
        return state == Outbox.State.CLOSING || state == Outbox.State.CLOSED;
    }
}
