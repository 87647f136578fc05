package dev.parley.room;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that share the writing of a large room's events with the thread that fans them out. A room
 * with more members than {@link #threshold} splits each event's members into {@link #count} lanes by the
 * member (a member is always on the same lane, and each lane of a room takes events in the room's order,
 * so every member still gets them in that order); the fanning thread writes the first lane itself. One
 * pass over a thousand members is otherwise one thread's socket writes, one after the other.
 */
public final class FanoutLanes implements AutoCloseable {
    private final int count;
    private final int threshold;
    private final ExecutorService threads;

    private FanoutLanes(int count, int threshold, ExecutorService threads) {
        this.count = count;
        this.threshold = threshold;
        this.threads = threads;
    }

    /** No lanes: every member is written by the fanning thread. */
    public static FanoutLanes none() {
        return new FanoutLanes(1, Integer.MAX_VALUE, null);
    }

    /** {@code count} lanes (one is the fanning thread's) for rooms of more than {@code threshold} members here. */
    public static FanoutLanes of(int count, int threshold) {
        if (count <= 1) {
            return none();
        }
        AtomicInteger made = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(count - 1, task -> {
            Thread t = new Thread(task, "parley-fanout-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new FanoutLanes(count, threshold, threads);
    }

    int count() {
        return count;
    }

    int threshold() {
        return threshold;
    }

    void execute(Runnable task) {
        threads.execute(task);
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdown();
        }
    }
}
