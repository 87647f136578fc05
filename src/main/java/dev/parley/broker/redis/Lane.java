package dev.parley.broker.redis;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one room's or user's deliveries one at a time, in the order they were added, on a shared
 * executor: Lettuce's event loop only adds, and never waits for a listener. Hand-written because it is
 * a few lines and a library's serial executor would add a dependency for them.
 */
final class Lane implements Executor {
    private static final System.Logger LOG = System.getLogger(Lane.class.getName());
    /** Tasks one turn runs before it yields the thread to other lanes. */
    private static final int PER_TURN = 64;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor threads;

    Lane(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            threads.execute(this::turn);
        }
    }

    private void turn() {
        for (int ran = 0; ran < PER_TURN; ran++) {
            try {
                tasks.poll().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a delivery failed", e);
            }
            if (pending.decrementAndGet() == 0) {
                return;
            }
        }
        threads.execute(this::turn);
    }
}
