package dev.parley.client;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One logical connection to a room or user endpoint, over one socket at a time: opens it, matches answers
 * to refs, passes frames to the listener once each, and reconnects with {@code since} when asked to. Each
 * socket has a generation; events of a socket that is no longer the current one are ignored.
 */
final class Link {
    /** Closes after which reconnecting cannot help: an invalid name, a missing or bad token. */
    private static final Set<Integer> FINAL = Set.of(4400, 4401);
    private static final int REMEMBERED_IDS = 10_000;

    /** The subprotocol Parley speaks, offered with a token. */
    static final String PROTOCOL = "parley.v1";
    private static final String TOKEN_PREFIX = "token.";
    private final ParleyClient client;
    private final Function<String, URI> address;
    private final Replies replies;
    private final SeenIds seen;
    private final Delivery delivery;
    private final Backoff backoff = new Backoff(() -> ThreadLocalRandom.current().nextDouble());

    private int generation;
    private WebSocket socket;
    /** The welcome the current socket waits for; null once it came. */
    private CompletableFuture<Welcome> opening;
    private boolean retrying;
    private int attempts;
    private boolean closing;
    private CompletableFuture<Void> ended = new CompletableFuture<>();
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private int lastCode = ConnectionEndedException.ABNORMAL;
    private String lastReason = "not connected yet";
    private volatile Welcome welcome;

    /** {@code address} gives the endpoint's address for a {@code since} (null: none). */
    Link(ParleyClient client, Function<String, URI> address, ParleyListener listener, String since) {
        this.client = client;
        this.address = address;
        this.replies = new Replies(client.timeout());
        this.seen = new SeenIds(REMEMBERED_IDS, since);
        this.delivery = new Delivery(listener, replies, seen);
    }

    /** Opens a socket (ending the current one), resuming after the last id seen; completes with its welcome. */
    CompletableFuture<Welcome> connect(boolean retry) {
        CompletableFuture<Welcome> welcomed = new CompletableFuture<>();
        WebSocket old;
        CompletableFuture<Welcome> oldOpening;
        int gen;
        synchronized (this) {
            gen = ++generation;
            old = socket;
            oldOpening = opening;
            socket = null;
            opening = welcomed;
            retrying = retry;
            closing = false;
            if (ended.isDone()) {
                ended = new CompletableFuture<>();
            }
        }
        if (old != null || oldOpening != null) {
            ConnectionEndedException replaced = new ConnectionEndedException(ConnectionEndedException.ABNORMAL,
                    "replaced by a new connection");
            if (old != null) {
                old.abort();
            }
            if (oldOpening != null) {
                oldOpening.completeExceptionally(replaced);
            }
            replies.failAll(replaced);
        }
        opening(gen).whenComplete((ws, failure) -> {
            if (failure != null) {
                Throwable why = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                ended(gen, ConnectionEndedException.ABNORMAL, "could not connect: " + why, why);
            }
        });
        welcomed.orTimeout(client.timeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((w, failure) -> {
            if (failure instanceof TimeoutException) {
                ended(gen, ConnectionEndedException.ABNORMAL, "no welcome within " + client.timeout(), failure);
            }
        });
        return welcomed;
    }

    /**
     * Opens the socket for connection {@code gen}. A token goes in the subprotocols beside Parley's own,
     * not in the URL, which access logs record.
     */
    private CompletableFuture<WebSocket> opening(int gen) {
        try {
            WebSocket.Builder builder = client.http().newWebSocketBuilder().connectTimeout(client.timeout());
            String token = client.token();
            if (token != null && !token.isEmpty()) {
                builder.subprotocols(PROTOCOL, TOKEN_PREFIX + token);
            }
            return builder.buildAsync(address.apply(seen.last()), new SocketListener(this, gen));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends the frame {@code frame} makes with a fresh ref; completes with the answer of type {@code answer}. */
    <T extends Frame> CompletableFuture<T> send(Function<String, Outgoing> frame, Class<T> answer) {
        String ref = replies.nextRef();
        String json = Frames.write(frame.apply(ref));
        CompletableFuture<T> reply;
        synchronized (this) {
            if (socket == null || opening != null) {
                return CompletableFuture.failedFuture(new ConnectionEndedException(lastCode, lastReason));
            }
            reply = replies.expect(ref, answer);
            WebSocket ws = socket;
            // the JDK's WebSocket takes one text at a time: each send waits for the one before
            sends = sends.handle((done, failure) -> null).thenCompose(v -> ws.sendText(json, true));
            sends.whenComplete((done, failure) -> {
                if (failure != null) {
                    reply.completeExceptionally(failure);
                }
            });
        }
        return reply;
    }

    /** Closes with {@code code}; completes when the server answered, or after the timeout without it. */
    CompletableFuture<Void> close(int code, String reason) {
        WebSocket ws;
        CompletableFuture<Void> done;
        int gen;
        synchronized (this) {
            if (ended.isDone()) {
                return ended;
            }
            closing = true;
            ws = opening == null ? socket : null;
            done = ended;
            gen = generation;
        }
        if (ws == null) {
            ended(gen, code, reason, null); // opening or between reconnects: nothing to say goodbye to
            return done;
        }
        ws.sendClose(code, reason).whenComplete((sent, failure) -> {
            if (failure != null) {
                ended(gen, ConnectionEndedException.ABNORMAL, "close failed: " + failure.getMessage(), failure);
            }
        });
        Executor later = CompletableFuture.delayedExecutor(client.timeout().toMillis(), TimeUnit.MILLISECONDS);
        later.execute(() -> ended(gen, code, reason, null));
        return done;
    }

    synchronized boolean isOpen() {
        return socket != null && opening == null;
    }

    Welcome welcome() {
        return welcome;
    }

    String lastId() {
        return seen.last();
    }

    void opened(int gen, WebSocket ws) {
        synchronized (this) {
            if (gen == generation) {
                socket = ws;
                return;
            }
        }
        ws.abort(); // an attempt given up meanwhile
    }

    void received(int gen, String json) {
        Frame frame;
        try {
            frame = Frames.read(json);
        } catch (MalformedFrameException e) {
            Delivery.LOG.log(System.Logger.Level.WARNING, "passed by a frame from the server: {0}", e.getMessage());
            return;
        }
        CompletableFuture<Welcome> welcomed = null;
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            if (frame instanceof Welcome w) {
                welcomed = opening;
                opening = null;
                attempts = 0;
                welcome = w;
            }
        }
        delivery.frame(frame);
        if (welcomed != null) {
            welcomed.complete((Welcome) frame);
        }
    }

    /** The socket of generation {@code gen} ended: reconnects, or ends this link for good. */
    void ended(int gen, int code, String reason, Throwable cause) {
        WebSocket ws;
        CompletableFuture<Welcome> failedOpening;
        CompletableFuture<Void> done;
        boolean retry;
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            generation++; // what this socket still reports is stale
            ws = socket;
            socket = null;
            failedOpening = opening;
            opening = null;
            retry = !closing && client.reconnect() && !FINAL.contains(code) && (failedOpening == null || retrying);
            lastCode = code;
            lastReason = reason;
            done = ended;
        }
        if (ws != null) {
            ws.abort();
        }
        ConnectionEndedException ending = new ConnectionEndedException(code, reason, cause);
        replies.failAll(ending);
        if (failedOpening != null) {
            failedOpening.completeExceptionally(ending);
        }
        if (retry) {
            if (failedOpening == null) {
                delivery.dropped(code, reason);
            }
            reconnectLater();
        } else {
            delivery.closed(code, reason);
            done.complete(null);
        }
    }

    private void reconnectLater() {
        int gen;
        Duration delay;
        synchronized (this) {
            gen = generation;
            delay = backoff.delay(attempts++);
        }
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            synchronized (this) {
                if (closing || gen != generation) {
                    return; // closed, or resumed by hand, meanwhile
                }
            }
            connect(true);
        });
    }
}
