package dev.parley.hook;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.RoomMessage;
import dev.parley.wire.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * Something accepted on this node, as posted to the events URL: a room message ({@code room}), a direct
 * message ({@code to}), or a name joining or leaving a room ({@code user}). Absent fields are left out.
 */
@JsonbPropertyOrder({"type", "room", "id", "from", "to", "user", "text", "data", "ts"})
public record HookEvent(String type, String room, String id, String from, String to, String user, String text,
                        JsonObject data, String ts) {

    public static HookEvent message(RoomMessage m) {
        return new HookEvent("message", m.room(), m.id(), m.from(), null, null, m.text(), m.data(),
                Timestamps.format(m.ts()));
    }

    public static HookEvent direct(DirectMessage m) {
        return new HookEvent("message", null, m.id(), m.from(), m.to(), null, m.text(), m.data(),
                Timestamps.format(m.ts()));
    }

    public static HookEvent join(String room, String user, Instant ts) {
        return new HookEvent("join", room, null, null, null, user, null, null, Timestamps.format(ts));
    }

    public static HookEvent leave(String room, String user, Instant ts) {
        return new HookEvent("leave", room, null, null, null, user, null, null, Timestamps.format(ts));
    }
}
