package dev.parley.outbox;

/** What outboxes report, for metrics. Called on writing threads: must be quick and must not block. */
public interface OutboxEvents {
    OutboxEvents NONE = new OutboxEvents() {
    };

    /** A frame reached the socket. */
    default void written(Encoded frame) {
    }

    /** An outbox overflowed and closed its connection with 4408. */
    default void overflowed() {
    }

    /** A write failed: the client is gone, and nothing more will be written. */
    default void failed(Throwable failure) {
    }
}
