package dev.parley.broker;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time in the order they were added, with no thread of its own: whichever caller
 * finds it idle runs tasks until none are left. A topic uses one to deliver its events in one order
 * without holding the topic's lock while delivering.
 */
public final class SerialRunner {
    private static final System.Logger LOG = System.getLogger(SerialRunner.class.getName());

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    /** Adds a task (typically under the topic's lock, which fixes the order); true if the caller must {@link #runAll}. */
    public boolean add(Runnable task) {
        tasks.add(task);
        return pending.getAndIncrement() == 0;
    }

    /** Runs tasks until none are left; call it outside any lock after {@link #add} returned true. */
    public void runAll() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a delivery task failed", e);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
