package dev.parley.broker;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * An accepted room message.
 *
 * @param seq    its position in the room's stream
 * @param text   what it says, or null when it carries data only
 * @param data   its structured payload as sent, or null
 * @param origin the connection that sent it and its {@code ref}, for the sender's own copy
 */
public record RoomMessage(long seq, String id, String room, String from, String text, JsonObject data, Instant ts,
                          Origin origin)
        implements RoomEvent {
}
