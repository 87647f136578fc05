package dev.parley.access;

import java.util.List;

/**
 * The rooms a token lets its user join, and those where it may speak: exact room names, or prefixes
 * written with a final {@code *} ({@code team-*}). {@code *} alone is every room.
 */
public record RoomGrants(List<String> join, List<String> publish) {
    public static final RoomGrants ALL = new RoomGrants(List.of("*"), List.of("*"));

    public RoomGrants {
        join = List.copyOf(join);
        publish = List.copyOf(publish);
    }

    public boolean mayJoin(String room) {
        return matches(join, room);
    }

    public boolean mayPublish(String room) {
        return matches(publish, room);
    }

    private static boolean matches(List<String> patterns, String room) {
        for (String pattern : patterns) {
            if (pattern.endsWith("*") ? room.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(room)) {
                return true;
            }
        }
        return false;
    }
}
