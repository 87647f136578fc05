package dev.parley.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.connection.Connection;
import dev.parley.connection.Connections;
import dev.parley.connection.RecordingTransport;
import dev.parley.wire.StatsFrame;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorFeedTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger computed = new AtomicInteger();
    private final MonitorFeed feed = new MonitorFeed(() -> {
        computed.incrementAndGet();
        return StatsFrame.of("n", 1, 0, 0, 0, 0, 1, 0, 0, 0);
    }, scheduler);
    private final Connections connections = RecordingTransport.connections();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void nothingTicksWhileNobodyWatches() {
        assertFalse(feed.isTicking());
        Connection a = connections.open(new RecordingTransport(), "monitor", null, null);
        Connection b = connections.open(new RecordingTransport(), "monitor", null, null);
        feed.watch(a);
        feed.watch(b);
        assertTrue(feed.isTicking());
        feed.unwatch(a);
        assertTrue(feed.isTicking(), "b still watches");
        feed.unwatch(b);
        assertFalse(feed.isTicking());
    }

    @Test
    void aNewWatcherGetsAFrameAtOnce() {
        RecordingTransport transport = new RecordingTransport();
        feed.watch(connections.open(transport, "monitor", null, null));
        assertEquals("stats", transport.frames().get(0).getString("type"));
        assertEquals(1, computed.get());
    }
}
