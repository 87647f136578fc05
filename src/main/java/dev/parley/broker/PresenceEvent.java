package dev.parley.broker;

import java.time.Instant;

/** A name joined ({@code joined}) or left a room. */
public record PresenceEvent(String room, String name, boolean joined, Instant ts) implements RoomEvent {
}
