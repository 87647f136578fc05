package dev.parley.monitor;

import dev.parley.connection.EndpointKind;
import dev.parley.connection.Hub;
import dev.parley.ops.Metrics;
import dev.parley.wire.StatsFrame;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/** Computes this node's {@code stats} frame; rates are per second since the previous frame. */
public final class NodeStats implements Supplier<StatsFrame> {
    private final String node;
    private final Hub hub;
    private final Metrics metrics;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long lastNanos = System.nanoTime();
    private long lastIn;
    private long lastOut;

    public NodeStats(String node, Hub hub, Metrics metrics) {
        this.node = node;
        this.hub = hub;
        this.metrics = metrics;
        this.lastIn = metrics.framesInTotal();
        this.lastOut = metrics.framesOutTotal();
    }

    @Override
    public synchronized StatsFrame get() {
        long now = System.nanoTime();
        double seconds = Math.max((now - lastNanos) / 1e9, 1e-3);
        long in = metrics.framesInTotal();
        long out = metrics.framesOutTotal();
        double inPerSec = round((in - lastIn) / seconds);
        double outPerSec = round((out - lastOut) / seconds);
        lastNanos = now;
        lastIn = in;
        lastOut = out;
        double[] latency = metrics.latencyMillis(0.5, 0.99);
        Set<String> names = new HashSet<>();
        hub.names(names);
        return StatsFrame.of(node, hub.count(), hub.groups(EndpointKind.ROOM), names.size(), inPerSec, outPerSec,
                memory.getHeapMemoryUsage().getUsed(), millis(latency[0]), millis(latency[1]), metrics.overflowCount());
    }

    private static double millis(double value) {
        return Double.isNaN(value) ? 0 : round(value);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
