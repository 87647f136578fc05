package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
/** A room message ({@code room} set) or a direct message ({@code to} set). */
@JsonbPropertyOrder({"type", "id", "room", "from", "to", "text", "ts", "ref"})
public record MessageFrame(String type, String id, String room, String from, String to, String text,
                           String ts, String ref) implements ServerFrame {

    public static MessageFrame room(String id, String room, String from, String text, String ts, String ref) {
        return new MessageFrame("message", id, room, from, null, text, ts, ref);
    }

    public static MessageFrame direct(String id, String from, String to, String text, String ts) {
        return new MessageFrame("message", id, null, from, to, text, ts, null);
    }
}
