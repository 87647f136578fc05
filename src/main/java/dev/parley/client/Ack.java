package dev.parley.client;

/** The answer to a direct message: {@code delivered} to a connection of the receiver, or {@code stored}. */
public record Ack(String ref, String id, String status) implements Frame {

    public boolean delivered() {
        return "delivered".equals(status);
    }

    public boolean stored() {
        return "stored".equals(status);
    }
}
