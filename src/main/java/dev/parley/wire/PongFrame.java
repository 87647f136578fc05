package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
/** The answer to a client's {@code ping}. */
@JsonbPropertyOrder({"type", "ref"})
public record PongFrame(String type, String ref) implements ServerFrame {

    public static PongFrame of(String ref) {
        return new PongFrame("pong", ref);
    }
}
