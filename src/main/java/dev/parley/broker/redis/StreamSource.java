package dev.parley.broker.redis;

import java.util.List;

/** What gap repair needs of a room's or a user's stream in Redis. */
interface StreamSource<E> {

    /** The stream's meta hash (its epoch and position). */
    String meta();

    /** An event as pub/sub carries it. */
    Stamped<E> decode(String payload);

    /**
     * The stream's epoch and position now, its newest position no longer kept, and the kept events
     * after {@code after} and before {@code before} (0: up to the newest), in order.
     */
    Fill<E> since(long after, long before);

    /** The stream's epoch and position now. */
    default Fill<E> top() {
        return since(Long.MAX_VALUE, 0);
    }

    /** Gives the stream a new epoch if it still has {@code seen}; answers its epoch now. */
    String renew(String seen);

    /** @param epoch empty when the stream has none (Redis has nothing of it) */
    record Fill<E>(String epoch, long seq, long dropped, List<Stamped<E>> events) {
    }
}
