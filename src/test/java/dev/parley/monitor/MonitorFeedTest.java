package dev.parley.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.FakeTransport;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import dev.parley.wire.StatsFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorFeedTest {
    private final ManualTicks scheduler = new ManualTicks();
    private final AtomicInteger computed = new AtomicInteger();
    private final Hub hub = Hubs.generous();
    private final MonitorFeed feed = new MonitorFeed(() -> {
        computed.incrementAndGet();
        return StatsFrame.of("n", 1, 0, 0, 0, 0, 1, 0, 0, 0);
    }, hub, scheduler);

    /** Keeps the periodic task for the test to run by hand; its future is a real one, never due. */
    private static final class ManualTicks extends ScheduledThreadPoolExecutor {
        final List<Runnable> ticks = new ArrayList<>();
        final List<ScheduledFuture<?>> futures = new ArrayList<>();

        ManualTicks() {
            super(1);
        }

        @Override
        public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                                                                   TimeUnit unit) {
            assertEquals(TimeUnit.SECONDS.toNanos(1), unit.toNanos(period), "each second");
            ticks.add(command);
            ScheduledFuture<?> future = schedule(() -> { }, 1, TimeUnit.DAYS);
            futures.add(future);
            return future;
        }

        synchronized void tick() {
            ticks.get(ticks.size() - 1).run();
        }
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Connection monitor(FakeTransport transport) {
        return hub.open(transport, EndpointKind.MONITOR, null, null);
    }

    @Test
    void nothingTicksWhileNobodyWatches() {
        assertFalse(feed.isTicking());
        assertTrue(scheduler.ticks.isEmpty());
        Connection a = monitor(new FakeTransport());
        Connection b = monitor(new FakeTransport());
        feed.watch(a);
        feed.watch(b);
        assertTrue(feed.isTicking());
        assertEquals(1, scheduler.ticks.size(), "one timer for every watcher");

        a.socketClosed(1000);
        scheduler.tick();
        assertTrue(feed.isTicking(), "b still watches");

        b.socketClosed(1000);
        scheduler.tick();
        assertFalse(feed.isTicking());
        assertTrue(scheduler.futures.get(0).isCancelled());
    }

    @Test
    void aWatcherAfterAnIdleSpellStartsTheTimerAgain() {
        Connection a = monitor(new FakeTransport());
        feed.watch(a);
        a.socketClosed(1000);
        scheduler.tick();
        assertFalse(feed.isTicking());

        feed.watch(monitor(new FakeTransport()));
        assertTrue(feed.isTicking());
        assertEquals(2, scheduler.ticks.size());
    }

    @Test
    void aNewWatcherGetsAFrameAtOnce() {
        FakeTransport transport = new FakeTransport();
        feed.watch(monitor(transport));
        assertEquals("stats", transport.frames().get(0).getString("type"));
        assertEquals(1, computed.get());
    }

    @Test
    void eachTickComputesOneFrameForEveryWatcher() {
        FakeTransport first = new FakeTransport();
        FakeTransport second = new FakeTransport();
        FakeTransport roomTransport = new FakeTransport();
        feed.watch(monitor(first));
        feed.watch(monitor(second));
        Connection room = hub.open(roomTransport, EndpointKind.ROOM, null, null);
        room.open();
        first.take();
        second.take();
        int before = computed.get();

        scheduler.tick();
        assertEquals(before + 1, computed.get(), "computed once for all");
        assertEquals("stats", first.take().get(0).getString("type"));
        assertEquals(first.texts().get(1), second.texts().get(1), "the same frame");
        assertEquals(List.of(), roomTransport.texts(), "only monitors get stats");
    }

    @Test
    void theFeedOpensTheWatchersConnection() {
        FakeTransport transport = new FakeTransport();
        Connection c = monitor(transport);
        assertNull(c.group());
        feed.watch(c);
        assertNotNull(transport.frames().get(0));
        assertEquals(0, c.queued(), "written, not held back");
    }
}
