package dev.parley.connection;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Writes frames one after another through a transport: each write's completion answers the next frame.
 * A transport may complete a write on the calling thread; such a completion hands the next frame back
 * to the loop instead of recursing, so the stack stays flat however many frames go out.
 *
 * <p>One write at a time: its owner starts a write only when none is in flight (the outbox's
 * {@code writing}), so the loop is its own completion for every write and allocates nothing per frame.
 * Each write gets a new generation, so a completion can never act on a later write's state.
 */
final class WriteLoop implements Consumer<Throwable> {
    /** Stands in the loop for a heartbeat ping; never queued. */
    static final Encoded PING = Encoded.raw("", "ping");

    private static final long PENDING = 0;
    /** The transport's call returned before the write completed: the completion carries on. */
    private static final long CALL_RETURNED = 1;
    /** The write completed before the transport's call returned, with a next frame for the loop. */
    private static final long HANDED_BACK = 2;

    private final Transport transport;
    /** Gets the written frame and the failure (or null), and answers the next frame to write, or null. */
    private final BiFunction<Encoded, Throwable, Encoded> completed;
    /** The write's generation times four, plus its phase. */
    private final AtomicLong state = new AtomicLong();
    private volatile Encoded frame;
    private volatile Encoded handedBack;

    WriteLoop(Transport transport, BiFunction<Encoded, Throwable, Encoded> completed) {
        this.transport = transport;
        this.completed = completed;
    }

    /** Writes {@code first} and whatever its completion answers next; null writes nothing. */
    void write(Encoded first) {
        Encoded next = first;
        while (next != null) {
            long generation = (state.get() >>> 2) + 1;
            frame = next;
            state.set(generation << 2 | PENDING);
            if (next == PING) {
                transport.ping(this);
            } else {
                transport.send(next, this);
            }
            next = returned(generation);
        }
    }

    /** The transport's call for {@code generation} has returned: the next frame for the loop, or null. */
    private Encoded returned(long generation) {
        long pending = generation << 2 | PENDING;
        if (state.compareAndSet(pending, generation << 2 | CALL_RETURNED)) {
            return null;
        }
        return state.get() == (generation << 2 | HANDED_BACK) ? handedBack : null;
    }

    /** The transport's completion of the write in flight. */
    @Override
    public void accept(Throwable failure) {
        long current = state.get();
        Encoded next = completed.apply(frame, failure);
        if (next == null) {
            // nothing to hand on; from here on another thread may start the next write
            return;
        }
        // the write of next is not started yet, so no other write can begin: the state is still ours
        long generation = current >>> 2;
        handedBack = next;
        if (!state.compareAndSet(generation << 2 | PENDING, generation << 2 | HANDED_BACK)) {
            write(next);
        }
    }
}
