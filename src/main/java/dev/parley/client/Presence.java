package dev.parley.client;

/** {@code join} (a name's first connection to the room opened) or {@code leave} (its last one closed). */
public record Presence(boolean joined, String room, String user, String ts) implements Frame {
}
