package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The first frame on a room or user connection. */
@JsonbPropertyOrder({"type", "protocol", "room", "user", "members", "memberCount", "pending", "history", "recovered",
        "limits", "exp"})
public record WelcomeFrame(String type, String protocol, String room, String user, List<String> members,
                           Integer memberCount, Integer pending, List<MessageFrame> history, Boolean recovered,
                           Limits limits, Long exp) implements ServerFrame {

    /** The version of the wire protocol this server speaks; docs/protocol.md says what a change to it means. */
    public static final String PROTOCOL = "1.1";

    public static WelcomeFrame room(String room, String user, List<String> members, int memberCount,
                                    List<MessageFrame> history, Boolean recovered, Limits limits) {
        return new WelcomeFrame("welcome", PROTOCOL, room, user, members, memberCount, null, history, recovered,
                limits, null);
    }

    /** The same welcome, saying when the connection's token expires (epoch seconds); {@code at} null: none. */
    public WelcomeFrame expiring(java.time.Instant at) {
        return new WelcomeFrame(type, protocol, room, user, members, memberCount, pending, history, recovered, limits,
                at == null ? null : at.getEpochSecond());
    }

    public static WelcomeFrame user(String user, int pending, Boolean recovered, Limits limits) {
        return new WelcomeFrame("welcome", PROTOCOL, null, user, null, null, pending, null, recovered, limits, null);
    }
}
