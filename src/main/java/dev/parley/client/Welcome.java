package dev.parley.client;

import java.util.List;

/**
 * The first frame of a connection. On a room: {@code room}, {@code members} (at most the server's presence
 * limit), {@code memberCount} and {@code history} (oldest first). On a user connection: {@code pending}, the
 * number of direct messages that follow. {@code recovered} is {@code null} unless the connection asked to
 * resume with {@code since}; {@code false} means some messages after that id are gone.
 */
public record Welcome(String room, String user, List<String> members, int memberCount, int pending,
                      List<Message> history, Boolean recovered) implements Frame {

    public Welcome {
        members = members == null ? List.of() : List.copyOf(members);
        history = history == null ? List.of() : List.copyOf(history);
    }
}
