package dev.parley.broker;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time in the order they were added, with no thread of its own: whichever caller
 * finds it idle runs tasks, at most {@code maxPerCaller} of them, and then hands the rest to
 * {@code carryOn}, so no caller pays for a long queue of others' work. The memory broker's topics use one
 * to deliver their events in one order without holding the topic's lock while delivering; a large room's
 * fan-out lanes use one each.
 */
public final class SerialRunner {
    private static final System.Logger LOG = System.getLogger(SerialRunner.class.getName());

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor carryOn;
    private final int maxPerCaller;

    public SerialRunner(Executor carryOn, int maxPerCaller) {
        this.carryOn = carryOn;
        this.maxPerCaller = maxPerCaller;
    }

    /** Adds a task (typically under the topic's lock, which fixes the order); true if the caller must {@link #runAll}. */
    public boolean add(Runnable task) {
        tasks.add(task);
        return pending.getAndIncrement() == 0;
    }

    /**
     * Runs tasks until none are left, or hands the rest on; call it outside any lock after {@link #add}
     * returned true. A task that throws is logged and the next one runs; one that throws an {@link Error}
     * hands the rest on before the error goes up, so the runner never stays taken.
     */
    public void runAll() {
        for (int ran = 0; ; ran++) {
            if (ran == maxPerCaller) {
                carryOn.execute(this::runAll);
                return;
            }
            try {
                tasks.poll().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a delivery task failed", e);
            } catch (Error e) {
                if (pending.decrementAndGet() != 0) {
                    carryOn.execute(this::runAll);
                }
                throw e;
            }
            if (pending.decrementAndGet() == 0) {
                return;
            }
        }
    }
}
