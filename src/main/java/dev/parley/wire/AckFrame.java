package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
/** Tells the sender of a direct message whether it was delivered or stored in the receiver's inbox. */
@JsonbPropertyOrder({"type", "ref", "id", "status"})
public record AckFrame(String type, String ref, String id, String status) implements ServerFrame {

    public static AckFrame delivered(String ref, String id) {
        return new AckFrame("ack", ref, id, "delivered");
    }

    public static AckFrame stored(String ref, String id) {
        return new AckFrame("ack", ref, id, "stored");
    }
}
