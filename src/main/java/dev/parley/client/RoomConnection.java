package dev.parley.client;

import jakarta.json.JsonObject;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** A connection to a room ({@code ws/room/{room}}). */
public final class RoomConnection extends ParleyConnection {

    RoomConnection(Link link) {
        super(link);
    }

    /**
     * Says {@code text} in the room. Completes with the server's copy of it (its {@code id}, {@code ts} and
     * the ref this client gave it), exceptionally with an {@link ErrorReplyException} ({@code too_long},
     * {@code empty}, {@code rate_limited}, ...), a {@link ConnectionEndedException} or a {@code TimeoutException}.
     */
    public CompletableFuture<Message> send(String text) {
        Objects.requireNonNull(text, "text");
        return send(text, null);
    }

    /**
     * Says {@code text} with structured {@code data} (protocol 1.1), as {@link #send(String)}; either may be
     * null, not both. The server refuses data over its {@code dataMax} with {@code data_too_large}.
     */
    public CompletableFuture<Message> send(String text, JsonObject data) {
        requireTextOrData(text, data);
        return link.send(ref -> Outgoing.message(null, text, data, ref), Message.class);
    }
}
