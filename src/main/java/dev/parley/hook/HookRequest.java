package dev.parley.hook;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A client's message as the publish hook sees it, before it is accepted: {@code room} for a room message,
 * {@code to} for a direct one; {@code data} is null when the message has none.
 */
@JsonbPropertyOrder({"kind", "from", "room", "to", "text", "data"})
public record HookRequest(String kind, String from, String room, String to, String text, JsonObject data) {

    public static HookRequest room(String room, String from, String text, JsonObject data) {
        return new HookRequest("room", from, room, null, text, data);
    }

    public static HookRequest direct(String from, String to, String text, JsonObject data) {
        return new HookRequest("direct", from, null, to, text, data);
    }

    /**
     * The messages whose order is kept among themselves: a room's, or one sender's direct messages. Names
     * cannot contain {@code /}, so the two kinds never share a lane.
     */
    public String lane() {
        return room != null ? "room/" + room : "from/" + from;
    }
}
