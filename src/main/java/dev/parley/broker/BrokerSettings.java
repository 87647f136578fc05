package dev.parley.broker;

import java.time.Duration;

/**
 * What a broker keeps and for how long, and how a node of a shared broker announces itself.
 *
 * @param historySize room messages kept per room for welcome and resume
 * @param inboxSize   direct messages retained per user (undelivered ones never evicted)
 * @param retention   how long a direct message is kept
 * @param historyTtl  how long a room with no event keeps its history; an idle room then vanishes
 * @param maxRooms    rooms with history or members one broker holds at most
 * @param maxUsers    users with retained messages one broker holds at most
 * @param node        this node's name; a shared broker adds a random suffix per start (its incarnation)
 * @param lease       how long a shared broker keeps a node's presence without a renewal
 * @param heartbeat   how often a node renews its leases and looks for expired ones
 */
public record BrokerSettings(int historySize, int inboxSize, Duration retention, Duration historyTtl, int maxRooms,
                             int maxUsers, String node, Duration lease, Duration heartbeat) {

    public static final Duration HISTORY_TTL = Duration.ofDays(7);
    public static final int MAX_ROOMS = 100_000;
    public static final int MAX_USERS = 1_000_000;
    public static final Duration LEASE = Duration.ofSeconds(15);
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);

    /** The given sizes and retention, and the defaults for everything else. */
    public static BrokerSettings of(int historySize, int inboxSize, Duration retention) {
        return new BrokerSettings(historySize, inboxSize, retention, HISTORY_TTL, MAX_ROOMS, MAX_USERS, "node",
                LEASE, HEARTBEAT);
    }

    public BrokerSettings withHistoryTtl(Duration ttl) {
        return new BrokerSettings(historySize, inboxSize, retention, ttl, maxRooms, maxUsers, node, lease, heartbeat);
    }

    public BrokerSettings withCaps(int rooms, int users) {
        return new BrokerSettings(historySize, inboxSize, retention, historyTtl, rooms, users, node, lease, heartbeat);
    }

    public BrokerSettings withNode(String name, Duration leaseTime, Duration heartbeatEvery) {
        return new BrokerSettings(historySize, inboxSize, retention, historyTtl, maxRooms, maxUsers, name, leaseTime,
                heartbeatEvery);
    }
}
