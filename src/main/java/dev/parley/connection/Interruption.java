package dev.parley.connection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * Closes the connections of a stream the broker could not repair with {@link Close#STREAM_INTERRUPTED},
 * each after its own random delay of up to {@link #SPREAD}, so that a room's members do not all come
 * back at the same moment.
 */
public final class Interruption {
    public static final Duration SPREAD = Duration.ofSeconds(5);

    /** Runs a task after a delay. */
    public interface Later {
        void run(Runnable task, long delayMillis);
    }

    private final Later later;
    private final LongUnaryOperator delay;

    /** {@code delay}: a delay in milliseconds from 0 to the bound it gets, inclusive. */
    public Interruption(Later later, LongUnaryOperator delay) {
        this.later = later;
        this.delay = delay;
    }

    /** Random delays, run by the JDK's shared delayer. */
    public static Interruption spread() {
        return new Interruption(
                (task, millis) -> CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(task),
                bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** Closes {@code connection} after its delay, writing what was queued for it first; then runs {@code after}. */
    public void close(Connection connection, Runnable after) {
        later.run(() -> {
            try {
                connection.close(Close.STREAM_INTERRUPTED, true);
            } finally {
                after.run();
            }
        }, delay.applyAsLong(SPREAD.toMillis()));
    }
}
