package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
/** {@code join} or {@code leave}: a name's first connection to a room opened, or its last one closed. */
@JsonbPropertyOrder({"type", "room", "user", "ts"})
public record PresenceFrame(String type, String room, String user, String ts) implements ServerFrame {

    public static PresenceFrame join(String room, String user, String ts) {
        return new PresenceFrame("join", room, user, ts);
    }

    public static PresenceFrame leave(String room, String user, String ts) {
        return new PresenceFrame("leave", room, user, ts);
    }
}
