package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The first frame on a room or user connection. */
@JsonbPropertyOrder({"type", "room", "user", "members", "memberCount", "pending", "history", "recovered"})
public record WelcomeFrame(String type, String room, String user, List<String> members, Integer memberCount,
                           Integer pending, List<MessageFrame> history, Boolean recovered) implements ServerFrame {

    public static WelcomeFrame room(String room, String user, List<String> members, int memberCount,
                                    List<MessageFrame> history, Boolean recovered) {
        return new WelcomeFrame("welcome", room, user, members, memberCount, null, history, recovered);
    }

    public static WelcomeFrame user(String user, int pending, Boolean recovered) {
        return new WelcomeFrame("welcome", null, user, null, null, pending, null, recovered);
    }
}
