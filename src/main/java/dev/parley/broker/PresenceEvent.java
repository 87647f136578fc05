package dev.parley.broker;

import java.time.Instant;

/**
 * A name's first connection to a room opened ({@code joined}) or its last one closed.
 *
 * @param seq         its position in the room's stream, shared with messages
 * @param memberCount the room's members after a join, or before a leave
 */
public record PresenceEvent(long seq, String room, String name, boolean joined, int memberCount, Instant ts)
        implements RoomEvent {
}
