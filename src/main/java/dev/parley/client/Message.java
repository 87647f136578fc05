package dev.parley.client;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A room message ({@code room} set) or a direct message ({@code to} set). {@code id} is opaque and unique
 * within its room or user; {@code ref} is only in the sender's own copy of a room message. {@code data} is
 * the sender's structured payload as sent, or null; {@code text} is null when the message has data only.
 */
public record Message(String id, String room, String from, String to, String text, JsonObject data, String ts,
                      String ref)
        implements Frame {

    /** {@code ts} as an instant. */
    public Instant time() {
        return Instant.parse(ts);
    }
}
