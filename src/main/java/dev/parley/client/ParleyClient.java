package dev.parley.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where a Parley server is and how to talk to it; opens room and user connections. Immutable: the
 * {@code with...} methods return a changed copy.
 *
 * <pre>{@code
 * ParleyClient parley = ParleyClient.at(URI.create("http://localhost:8080/")).withReconnect(true);
 * RoomConnection lobby = parley.room("lobby", "alice", listener).join();
 * Message mine = lobby.send("hi").join();   // the server's copy, with its id
 * }</pre>
 *
 * <p>A connection future completes with the connection once its welcome arrived, or exceptionally with a
 * {@link ConnectionEndedException} (4400: invalid name, 4401: token refused, 1006: no connection) or a
 * {@code TimeoutException}.
 */
public final class ParleyClient {
    /** How long an answer, a welcome or a close may take unless {@link #withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Addresses addresses;
    private final Supplier<String> token;
    private final Duration timeout;
    private final boolean reconnect;
    private final HttpClient http;

    private ParleyClient(Addresses addresses, Supplier<String> token, Duration timeout, boolean reconnect, HttpClient http) {
        this.addresses = addresses;
        this.token = token;
        this.timeout = timeout;
        this.reconnect = reconnect;
        this.http = http;
    }

    /** The server whose Parley is at {@code base}: {@code http(s)://} or {@code ws(s)://}, with its context path. */
    public static ParleyClient at(URI base) {
        return new ParleyClient(new Addresses(Objects.requireNonNull(base, "base")), null, DEFAULT_TIMEOUT, false,
                null);
    }

    /**
     * Sends {@code token} (a JWT) with every connection, for a server with authentication on: in the
     * handshake's {@code Sec-WebSocket-Protocol} header, as {@code token.<jwt>} beside {@code parley.v1},
     * never in the URL.
     */
    public ParleyClient withToken(String token) {
        Objects.requireNonNull(token, "token");
        return withTokens(() -> token);
    }

    /**
     * As {@link #withToken}, with a token asked of {@code tokens} before every connection, reconnects
     * included, so that one about to expire can be replaced by a fresh one.
     */
    public ParleyClient withTokens(Supplier<String> tokens) {
        return new ParleyClient(addresses, Objects.requireNonNull(tokens, "tokens"), timeout, reconnect, http);
    }

    /** How long a send waits for its answer, a connection for its welcome and a close for the server's. */
    public ParleyClient withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        return new ParleyClient(addresses, token, timeout, reconnect, http);
    }

    /**
     * With {@code true}, a connection that drops (not one closed on purpose, nor refused with 4400 or 4401)
     * reconnects by itself, after 0.25 to 0.5 s and then longer waits up to 30 s, resuming after the last
     * message id it saw.
     */
    public ParleyClient withReconnect(boolean reconnect) {
        return new ParleyClient(addresses, token, timeout, reconnect, http);
    }

    /** The JDK HTTP client the connections are made with (its executor runs the listeners); one of its own by default. */
    public ParleyClient withHttpClient(HttpClient http) {
        return new ParleyClient(addresses, token, timeout, reconnect, Objects.requireNonNull(http, "http"));
    }

    /** Joins {@code room} as {@code name} (null or empty: the server picks a guest name). */
    public CompletableFuture<RoomConnection> room(String room, String name, ParleyListener listener) {
        return room(room, name, null, listener);
    }

    /** Joins {@code room}, resuming after message id {@code since} (null: not resuming). */
    public CompletableFuture<RoomConnection> room(String room, String name, String since, ParleyListener listener) {
        Objects.requireNonNull(room, "room");
        Link link = new Link(this, after -> addresses.room(room, name, after), listener(listener), since);
        return link.connect(false).thenApply(welcome -> new RoomConnection(link));
    }

    /** Connects as {@code user}. */
    public CompletableFuture<UserConnection> user(String user, ParleyListener listener) {
        return user(user, null, listener);
    }

    /** Connects as {@code user}, resuming after direct-message id {@code since} (null: not resuming). */
    public CompletableFuture<UserConnection> user(String user, String since, ParleyListener listener) {
        Objects.requireNonNull(user, "user");
        Link link = new Link(this, after -> addresses.user(user, after), listener(listener), since);
        return link.connect(false).thenApply(welcome -> new UserConnection(link));
    }

    Duration timeout() {
        return timeout;
    }

    /** The token for the next connection, or null without one. */
    String token() {
        return token == null ? null : token.get();
    }

    boolean reconnect() {
        return reconnect;
    }

    HttpClient http() {
        return http != null ? http : SharedHttp.CLIENT;
    }

    private static ParleyListener listener(ParleyListener listener) {
        return listener == null ? ParleyListener.NONE : listener;
    }

    /** Made on first use: an HTTP client has a selector thread. */
    private static final class SharedHttp {
        static final HttpClient CLIENT = HttpClient.newHttpClient();
    }
}
