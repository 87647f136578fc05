package dev.parley.connection;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Writes frames one after another through a transport: each write's completion answers the next frame.
 * A transport may complete a write on the calling thread; such a completion hands the next frame back
 * to the loop instead of recursing, so the stack stays flat however many frames go out.
 */
final class WriteLoop {
    /** Stands in the loop for a heartbeat ping; never queued. */
    static final Encoded PING = Encoded.raw("", "ping");

    private final Transport transport;
    /** Gets the written frame and the failure (or null), and answers the next frame to write, or null. */
    private final BiFunction<Encoded, Throwable, Encoded> completed;

    WriteLoop(Transport transport, BiFunction<Encoded, Throwable, Encoded> completed) {
        this.transport = transport;
        this.completed = completed;
    }

    /** Writes {@code frame} and whatever its completion answers next; null writes nothing. */
    void write(Encoded frame) {
        Encoded next = frame;
        while (next != null) {
            Completion completion = new Completion(next);
            if (next == PING) {
                transport.ping(completion);
            } else {
                transport.send(next, completion);
            }
            next = completion.returned();
        }
    }

    /** Tracks whether a write completed before or after the transport's call returned. */
    private final class Completion implements Consumer<Throwable> {
        private static final int PENDING = 0;
        private static final int CALL_RETURNED = 1;
        private static final int COMPLETED_EARLY = 2;

        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final Encoded frame;
        private Encoded nextForLoop;

        Completion(Encoded frame) {
            this.frame = frame;
        }

        @Override
        public void accept(Throwable failure) {
            Encoded next = completed.apply(frame, failure);
            nextForLoop = next;
            if (!state.compareAndSet(PENDING, COMPLETED_EARLY) && next != null) {
                write(next);
            }
        }

        /** Called once the transport's call has returned: the next frame for the loop, or null if the completion carries on. */
        Encoded returned() {
            return state.compareAndSet(PENDING, CALL_RETURNED) ? null : nextForLoop;
        }
    }
}
