package dev.parley.broker;

import java.util.List;

/**
 * One page of the rooms with members, ordered by name; {@code next} is the name to list after for the
 * following page, or null when this is the last.
 */
public record RoomPage(List<ActiveRoom> rooms, String next) {
}
