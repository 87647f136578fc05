package dev.parley.monitor;

import dev.parley.connection.Connection;
import dev.parley.connection.Encoded;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.Hub;
import dev.parley.wire.StatsFrame;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Pushes a {@code stats} frame to every monitor connection each second. One frame is computed and encoded
 * per second for all of them, and nothing is scheduled while nobody watches.
 */
public final class MonitorFeed {
    private final Supplier<StatsFrame> stats;
    private final Hub hub;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> ticking;

    public MonitorFeed(Supplier<StatsFrame> stats, Hub hub, ScheduledExecutorService scheduler) {
        this.stats = stats;
        this.hub = hub;
        this.scheduler = scheduler;
    }

    /** Starts pushing to {@code watcher}, with a first frame at once. */
    public synchronized void watch(Connection watcher) {
        watcher.open();
        watcher.send(stats.get());
        if (ticking == null) {
            ticking = scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    private synchronized void tick() {
        if (hub.count(EndpointKind.MONITOR) == 0) {
            ticking.cancel(false);
            ticking = null;
            return;
        }
        Encoded frame = Encoded.of(stats.get());
        hub.forEach(EndpointKind.MONITOR, c -> c.send(frame));
    }

    /** Whether a timer runs now; for tests of the idle cost. */
    public synchronized boolean isTicking() {
        return ticking != null;
    }
}
