package dev.parley.broker;

/** What a joining connection is welcomed with, taken at one position of the room's stream. */
public record RoomSnapshot(Roster roster, Replay<RoomMessage> history) {
}
