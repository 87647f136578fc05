package dev.parley.connection;

import dev.parley.ops.Metrics;
import dev.parley.outbox.Transport;
import dev.parley.wire.CloseCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Every open connection of this node, whatever its endpoint, within the node's limits. */
public final class Connections {
    private static final System.Logger LOG = System.getLogger(Connections.class.getName());
    /** The endpoints whose connections are counted; a gauge per endpoint exists from the start. */
    public static final List<String> ENDPOINTS = List.of("room", "user", "echo", "monitor");

    private final String node;
    private final ConnectionPolicy policy;
    private final Metrics metrics;
    private final AtomicLong counter = new AtomicLong();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, AtomicInteger> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

    public Connections(String node, ConnectionPolicy policy, Metrics metrics) {
        this.node = node;
        this.policy = policy;
        this.metrics = metrics;
        for (String endpoint : ENDPOINTS) {
            AtomicInteger count = byEndpoint.computeIfAbsent(endpoint, e -> new AtomicInteger());
            metrics.gauge("parley.connections", "Open WebSocket connections, by endpoint", count::get,
                    "endpoint", endpoint);
        }
        metrics.gauge("parley.outbox.queued", "Frames waiting in all outboxes to be written", this::queued);
    }

    /**
     * Takes a new connection, or closes it with 1013 and answers null when the node or the client's
     * address already has as many as allowed.
     *
     * @param address  the client's address, or null when unknown (then only the total counts)
     * @param identity who the client proved to be, or null
     */
    public Connection open(Transport transport, String endpoint, String address, String identity) {
        if (!reserve(address)) {
            LOG.log(System.Logger.Level.INFO, "refused a connection on {0}: connection limit reached", endpoint);
            transport.closeOpening(CloseCodes.TRY_AGAIN_LATER, "too many connections; try again later");
            return null;
        }
        Connection c = new Connection(node + "-" + counter.incrementAndGet(), endpoint, address, identity,
                transport, policy, metrics, this);
        open.add(c);
        byEndpoint.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
        return c;
    }

    private boolean reserve(String address) {
        if (total.incrementAndGet() > policy.maxTotal()) {
            total.decrementAndGet();
            return false;
        }
        if (address == null) {
            return true;
        }
        boolean[] ok = {true};
        byAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            ok[0] = count < policy.maxPerAddress();
            return ok[0] ? count + 1 : n;
        });
        if (!ok[0]) {
            total.decrementAndGet();
        }
        return ok[0];
    }

    private void release(String address) {
        total.decrementAndGet();
        if (address != null) {
            byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /**
     * The connection ended with {@code code}: its endpoint cleans up, and it is counted and logged, once,
     * whether the container reported the close or a failed write did. {@code c} is null for a session
     * refused before it became a connection.
     */
    public void closed(Connection c, int code) {
        if (c == null) {
            metrics.closed(code);
            return;
        }
        if (open.remove(c)) {
            metrics.closed(code);
            c.ended();
            release(c.address());
            byEndpoint.get(c.endpoint()).decrementAndGet();
            LOG.log(System.Logger.Level.INFO, "closed {0} on {1} with {2,number,#} after {3} ms", c.id(),
                    c.endpoint(), code, Duration.between(c.opened(), Instant.now()).toMillis());
        }
    }

    /** Pings silent connections and closes those that left a ping unanswered (the node calls this periodically). */
    public void checkAlive(Duration interval, Duration timeout) {
        long now = System.nanoTime();
        for (Connection c : open) {
            c.checkAlive(now, interval.toNanos(), timeout.toNanos());
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
