package dev.parley.bench;

import java.util.concurrent.CompletableFuture;

/** One client connection of the load client, whatever WebSocket library opened it. */
interface Link {
    /** Sends one text frame; the future completes when it was written, or fails. */
    CompletableFuture<Void> send(String text);

    /** Sends a close frame (normal closure); the connection stays open until {@link #close()}. */
    void sendClose();

    /** Closes the connection at once. */
    void close();
}
