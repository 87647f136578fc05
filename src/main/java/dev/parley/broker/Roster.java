package dev.parley.broker;

import java.util.List;

/** Up to a limit of a room's member names, and their total count. */
public record Roster(List<String> names, int count) {
}
