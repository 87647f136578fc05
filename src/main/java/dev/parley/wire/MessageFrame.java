package dev.parley.wire;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A room message ({@code room} set) or a direct message ({@code to} set); {@code text} or {@code data} may be null. */
@JsonbPropertyOrder({"type", "id", "room", "from", "to", "text", "data", "ts", "ref"})
public record MessageFrame(String type, String id, String room, String from, String to, String text,
                           JsonObject data, String ts, String ref) implements ServerFrame {

    public static MessageFrame room(String id, String room, String from, String text, JsonObject data, String ts,
                                    String ref) {
        return new MessageFrame("message", id, room, from, null, text, data, ts, ref);
    }

    public static MessageFrame direct(String id, String from, String to, String text, JsonObject data, String ts) {
        return new MessageFrame("message", id, null, from, to, text, data, ts, null);
    }
}
