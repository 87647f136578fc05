package dev.parley.broker;

/** A room with members now, and how many. */
public record ActiveRoom(String name, int members) {
}
