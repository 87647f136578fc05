package dev.parley.broker;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * An accepted direct message; {@code seq} is its position in the receiver's stream. {@code text} is null
 * when it carries {@code data} only; {@code data} is null when it has none.
 */
public record DirectMessage(long seq, String id, String from, String to, String text, JsonObject data, Instant ts) {
}
