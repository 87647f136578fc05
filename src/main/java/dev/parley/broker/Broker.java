package dev.parley.broker;

/**
 * The one seam between a single node and many: rooms, presence, history, inboxes and the streams that
 * carry them. The memory broker serves one node; a shared one serves several. Nothing outside this
 * package knows which is in use.
 */
public interface Broker extends AutoCloseable {

    /** {@code memory}, or the kind of the shared store. */
    String kind();

    /** Whether the broker can take messages now. */
    boolean isUp();

    RoomBus rooms();

    UserBus users();

    Disconnects disconnects();

    /** The answers kept under the server API's idempotency keys. */
    IdempotencyStore idempotency();

    /** Direct messages discarded undelivered because they outlived the retention, since start. */
    long expired();

    /** Direct messages waiting in inboxes now. */
    long undelivered();

    /**
     * Rooms the broker holds state for (history or members); a shared broker's figure may be up to a
     * sweep old.
     */
    long roomsHeld();

    /** Users the broker holds state for (retained messages or connections); as {@link #roomsHeld}. */
    long usersHeld();

    @Override
    void close();
}
