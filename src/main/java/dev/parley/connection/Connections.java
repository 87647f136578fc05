package dev.parley.connection;

import dev.parley.outbox.Outbox;
import dev.parley.outbox.Transport;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every open connection of this node, whatever its endpoint. */
public final class Connections {
    private final String node;
    private final Outbox.Limits limits;
    private final AtomicLong counter = new AtomicLong();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    public Connections(String node, Outbox.Limits limits) {
        this.node = node;
        this.limits = limits;
    }

    public Connection open(Transport transport) {
        Connection c = new Connection(node + "-" + counter.incrementAndGet(), transport, limits);
        open.add(c);
        return c;
    }

    public void closed(Connection c) {
        c.closed();
        open.remove(c);
    }

    public int count() {
        return open.size();
    }

    /** Closes every connection, e.g. with 1001 when the application stops. */
    public void closeAll(int code, String reason) {
        for (Connection c : open) {
            c.close(code, reason);
        }
    }
}
