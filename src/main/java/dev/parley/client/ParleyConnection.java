package dev.parley.client;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** What room and user connections share: the welcome, ping, resume and close. Thread-safe. */
public abstract sealed class ParleyConnection implements AutoCloseable permits RoomConnection, UserConnection {
    /** The normal close code. */
    public static final int NORMAL = 1000;

    final Link link;

    ParleyConnection(Link link) {
        this.link = link;
    }

    /** The welcome of the current (or last) socket. */
    public Welcome welcome() {
        return link.welcome();
    }

    /** The id of the last message passed to the listener (or the {@code since} given), null if none. */
    public String lastId() {
        return link.lastId();
    }

    /** True while connected and welcomed; false while reconnecting and once closed. */
    public boolean isOpen() {
        return link.isOpen();
    }

    /** A message needs text or data or both, as the server's rule says. */
    static void requireTextOrData(String text, Object data) {
        if (text == null && data == null) {
            throw new IllegalArgumentException("a message needs text or data");
        }
    }

    /** Sends a {@code ping}; completes with its {@code pong}. */
    public CompletableFuture<Pong> ping() {
        return link.send(Outgoing::ping, Pong.class);
    }

    /**
     * Connects again now, with {@code since} = {@link #lastId()}, ending the current socket if there is one;
     * completes with the new welcome. The messages missed meanwhile reach the listener, none twice.
     */
    public CompletableFuture<Welcome> resume() {
        return link.connect(false);
    }

    /**
     * Closes with {@code code} (1000, or 3000 to 4999) and {@code reason} (at most 123 bytes of UTF-8; null: none);
     * completes once the server answered the close, or after the timeout without it. Sends still waiting
     * fail with a {@link ConnectionEndedException}.
     */
    public CompletableFuture<Void> close(int code, String reason) {
        if (code != NORMAL && (code < 3000 || code > 4999)) {
            throw new IllegalArgumentException("a client may close with 1000 or 3000 to 4999, not " + code);
        }
        String why = reason == null ? "" : reason;
        if (why.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason may have at most 123 bytes of UTF-8");
        }
        return link.close(code, why);
    }

    /** Closes with 1000 and waits for it (at most the timeout). */
    @Override
    public void close() {
        close(NORMAL, "").join();
    }
}
