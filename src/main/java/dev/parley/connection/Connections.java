package dev.parley.connection;

import dev.parley.ops.Metrics;
import dev.parley.outbox.Outbox;
import dev.parley.outbox.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Every open connection of this node, whatever its endpoint. */
public final class Connections {
    private static final System.Logger LOG = System.getLogger(Connections.class.getName());
    /** The endpoints whose connections are counted; a gauge per endpoint exists from the start. */
    public static final List<String> ENDPOINTS = List.of("room", "user", "echo", "monitor");

    private final String node;
    private final Outbox.Limits limits;
    private final Metrics metrics;
    private final AtomicLong counter = new AtomicLong();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> byEndpoint = new ConcurrentHashMap<>();

    public Connections(String node, Outbox.Limits limits, Metrics metrics) {
        this.node = node;
        this.limits = limits;
        this.metrics = metrics;
        for (String endpoint : ENDPOINTS) {
            AtomicInteger count = byEndpoint.computeIfAbsent(endpoint, e -> new AtomicInteger());
            metrics.gauge("parley.connections", "Open WebSocket connections, by endpoint", count::get,
                    "endpoint", endpoint);
        }
        metrics.gauge("parley.outbox.queued", "Frames waiting in all outboxes to be written", this::queued);
    }

    public Connection open(Transport transport, String endpoint) {
        Connection c = new Connection(node + "-" + counter.incrementAndGet(), endpoint, transport, limits, metrics);
        open.add(c);
        byEndpoint.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
        return c;
    }

    /** The socket closed with {@code code}; counted and logged once per connection. */
    public void closed(Connection c, int code) {
        c.closed();
        if (open.remove(c)) {
            byEndpoint.get(c.endpoint()).decrementAndGet();
            metrics.closed(code);
            LOG.log(System.Logger.Level.INFO, "closed {0} on {1} with {2,number,#} after {3} ms", c.id(),
                    c.endpoint(), code, Duration.between(c.opened(), Instant.now()).toMillis());
        }
    }

    public int count() {
        return open.size();
    }

    private int queued() {
        int sum = 0;
        for (Connection c : open) {
            sum += c.queued();
        }
        return sum;
    }

    /** Closes every connection, e.g. with 1001 when the application stops. */
    public void closeAll(int code, String reason) {
        for (Connection c : open) {
            c.close(code, reason);
        }
    }
}
