package dev.parley.broker;

/** What a room's stream carries: messages and presence changes. */
public sealed interface RoomEvent permits RoomMessage, PresenceEvent {
    String room();
}
