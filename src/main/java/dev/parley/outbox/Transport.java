package dev.parley.outbox;

import java.util.function.Consumer;

/** The socket under one connection, as the outbox sees it. */
public interface Transport {

    /** Starts writing one text frame; {@code done} gets null on success or the failure. Must not block. */
    void send(String text, Consumer<Throwable> done);

    /** Closes the connection with a close code. Must not block the caller. */
    void close(int code, String reason);

    /** Sends a WebSocket ping. Must not block the caller. */
    void ping();
}
