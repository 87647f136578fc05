package dev.parley.health;

import dev.parley.broker.Broker;
import dev.parley.connection.Hub;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the three probes report: live (the node runs), ready (the broker takes messages and the node is not
 * draining) and started (the application finished starting).
 */
public final class Probes {
    private final Broker broker;
    private final Hub hub;
    private final String node;
    private final Instant created;
    private volatile Instant started;

    public Probes(Broker broker, Hub hub, String node, Instant created) {
        this.broker = broker;
        this.hub = hub;
        this.node = node;
        this.created = created;
    }

    /** The application has finished starting: every endpoint and servlet is registered. */
    public void started() {
        started = Instant.now();
    }

    public Report live() {
        return Report.of(Check.of("node", true, data("node", node,
                "uptimeSeconds", Duration.between(created, Instant.now()).toSeconds())));
    }

    public Report ready() {
        return Report.of(Check.of("broker", broker.isUp(), data("kind", broker.kind())),
                Check.of("drain", !hub.draining(), data("draining", hub.draining(), "connections", hub.count())));
    }

    public Report startup() {
        Instant at = started;
        return Report.of(Check.of("startup", at != null, at == null ? Map.of() : data("startedAt", at.toString())));
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }
}
