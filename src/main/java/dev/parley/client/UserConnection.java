package dev.parley.client;

import jakarta.json.JsonObject;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** A connection as a user ({@code ws/user/{user}}): direct messages, an inbox while offline, acks. */
public final class UserConnection extends ParleyConnection {

    UserConnection(Link link) {
        super(link);
    }

    /**
     * Sends {@code text} to user {@code to}. Completes with the {@code ack}: {@link Ack#delivered()} (a
     * connection of the receiver got it) or {@link Ack#stored()} (it waits in the receiver's inbox);
     * exceptionally with an {@link ErrorReplyException} ({@code too_long}, {@code inbox_full},
     * {@code bad_request} for an invalid name, ...), a {@link ConnectionEndedException} or a
     * {@code TimeoutException}.
     */
    public CompletableFuture<Ack> send(String to, String text) {
        Objects.requireNonNull(text, "text");
        return send(to, text, null);
    }

    /**
     * Sends {@code text} with structured {@code data} (protocol 1.1) to user {@code to}, as
     * {@link #send(String, String)}; {@code text} or {@code data} may be null, not both. The server refuses
     * data over its {@code dataMax} with {@code data_too_large}.
     */
    public CompletableFuture<Ack> send(String to, String text, JsonObject data) {
        Objects.requireNonNull(to, "to");
        requireTextOrData(text, data);
        return link.send(ref -> Outgoing.message(to, text, data, ref), Ack.class);
    }
}
