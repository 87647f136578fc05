package dev.parley.outbox;

import java.util.function.Consumer;

/** The socket under one connection, as the outbox sees it. */
public interface Transport {

    /** Starts writing one text frame; {@code done} gets null on success or the failure. Must not block. */
    void send(String text, Consumer<Throwable> done);

    /** Closes the connection with a close code. Must not block the caller. */
    void close(int code, String reason);

    /**
     * Closes the connection with a close code once the peer has read what was already written, or the
     * close timeout has passed: for a close that follows frames the client should get first (an
     * overflow's 4408, or the errors before a 4429), where a container might otherwise drop them with
     * the connection. Must not block the caller.
     */
    default void closeWhenRead(int code, String reason) {
        close(code, reason);
    }

    /**
     * Runs {@code action} once the handshake's own response has gone out, at once where it has already.
     * Some containers (Payara) open the endpoint before they flush the 101 response; a frame written to
     * the connection before that, from another thread, could reach the client ahead of the response or
     * break it. So a connection starts writing, or is refused, only through this.
     */
    default void afterHandshake(Runnable action) {
        action.run();
    }

    /**
     * Closes a connection that is still being opened and has been written nothing (a refused handshake's
     * 4401, 4400 or 1013), once the handshake has responded ({@link #afterHandshake}): nothing is queued
     * for the client to read first. Must not block the caller.
     */
    default void closeOpening(int code, String reason) {
        afterHandshake(() -> close(code, reason));
    }

    /** Sends a WebSocket ping. Must not block the caller. */
    void ping();

    /**
     * Whether this transport writes the outbox's pings ({@link #ping(byte[], Consumer)}) and reports the
     * peer's pongs to it ({@link Outbox#ponged}). Only then does the outbox count written bytes against its
     * limit until the peer has read them.
     */
    default boolean pingsInOrder() {
        return false;
    }

    /**
     * Starts writing a ping carrying {@code payload} as the outbox's next frame; {@code done} as for
     * {@link #send}. Must not block the caller.
     */
    default void ping(byte[] payload, Consumer<Throwable> done) {
        done.accept(new UnsupportedOperationException("this transport does not ping in order"));
    }
}
