package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What {@code /ws/monitor} pushes every second.
 *
 * @param users          distinct user and display names connected to this node
 * @param latencyP50Ms   median delivery latency over the last half minute (0 when nothing was delivered)
 * @param outboxOverflows connections closed with 4408 since start
 */
@JsonbPropertyOrder({"type", "node", "connections", "rooms", "users", "inPerSec", "outPerSec", "heapUsedBytes",
        "latencyP50Ms", "latencyP99Ms", "outboxOverflows"})
public record StatsFrame(String type, String node, int connections, int rooms, int users, double inPerSec,
                         double outPerSec, long heapUsedBytes, double latencyP50Ms, double latencyP99Ms,
                         long outboxOverflows) implements ServerFrame {

    public static StatsFrame of(String node, int connections, int rooms, int users, double inPerSec,
                                double outPerSec, long heapUsedBytes, double latencyP50Ms, double latencyP99Ms,
                                long outboxOverflows) {
        return new StatsFrame("stats", node, connections, rooms, users, inPerSec, outPerSec, heapUsedBytes,
                latencyP50Ms, latencyP99Ms, outboxOverflows);
    }
}
