package dev.parley.broker;

/** What a room's stream carries: messages and presence changes, each at its own position. */
public sealed interface RoomEvent permits RoomMessage, PresenceEvent {
    long seq();

    String room();
}
