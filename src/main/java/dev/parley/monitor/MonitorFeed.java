package dev.parley.monitor;

import dev.parley.connection.Connection;
import dev.parley.outbox.Encoded;
import dev.parley.wire.StatsFrame;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Pushes a {@code stats} frame to every watcher each second. One frame is computed and encoded per second
 * for all watchers, and nothing is scheduled while nobody watches.
 */
public final class MonitorFeed {
    private final Supplier<StatsFrame> stats;
    private final ScheduledExecutorService scheduler;
    private final Set<Connection> watchers = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> ticking;

    public MonitorFeed(Supplier<StatsFrame> stats, ScheduledExecutorService scheduler) {
        this.stats = stats;
        this.scheduler = scheduler;
    }

    /** Starts pushing to {@code watcher}, with a first frame at once. */
    public synchronized void watch(Connection watcher) {
        watcher.open();
        watcher.send(stats.get());
        watchers.add(watcher);
        if (ticking == null) {
            ticking = scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    public synchronized void unwatch(Connection watcher) {
        if (watchers.remove(watcher) && watchers.isEmpty() && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    private void tick() {
        Encoded frame = Encoded.of(stats.get());
        for (Connection watcher : watchers) {
            watcher.send(frame);
        }
    }

    /** Whether a timer runs now; for tests of the idle cost. */
    public synchronized boolean isTicking() {
        return ticking != null;
    }
}
