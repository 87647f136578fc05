package dev.parley.broker;

import java.time.Instant;

/**
 * An accepted room message.
 *
 * @param seq    its position in the room's stream
 * @param origin the connection that sent it and its {@code ref}, for the sender's own copy
 */
public record RoomMessage(long seq, String id, String room, String from, String text, Instant ts, Origin origin)
        implements RoomEvent {
}
