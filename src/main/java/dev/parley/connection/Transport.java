package dev.parley.connection;

import java.util.function.Consumer;

/**
 * The socket under one connection, as the core sees it. Every method returns at once: none waits for the
 * client. Containers differ below this seam (when a write completes, when the handshake's response has
 * gone out, what a close drops); the core never asks which container it is on.
 */
public interface Transport {

    /** Starts writing one frame; {@code done} gets null once written, or the failure. */
    void send(Encoded frame, Consumer<Throwable> done);

    /** Starts writing a heartbeat ping; {@code done} as for {@link #send}. */
    void ping(Consumer<Throwable> done);

    /**
     * Closes with {@code close} once the client has read what was written to it, or the close timeout has
     * passed: the caller has written everything it meant to.
     */
    void close(Close close);

    /** Closes at once, dropping anything the container still holds for the client. */
    void abort(Close close);

    /**
     * Runs {@code action} once the client has read everything written so far: at once where a write
     * completes only at the socket; where the container queues writes of its own, when the client has
     * confirmed them. Never, if the connection ends first.
     */
    default void afterRead(Runnable action) {
        action.run();
    }

    /**
     * Bytes reported written that the client has not yet been seen to read. Zero where a write completes
     * only once the socket has taken it; where the container queues writes of its own, this is what its
     * queue may hold, and the outbox writes no more while it is at the byte limit.
     */
    default long unconfirmed() {
        return 0;
    }
}
