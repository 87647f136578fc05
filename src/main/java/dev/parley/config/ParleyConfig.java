package dev.parley.config;

import dev.parley.access.AuthConfig;
import dev.parley.broker.BrokerSettings;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Every setting of a Parley node, read once at start. The README lists them with their defaults.
 *
 * @param node            this node's name in logs, health and stats
 * @param broker          {@code memory}, or a {@code redis://} URL
 * @param historySize     room messages kept for welcome and resume
 * @param inboxSize       undelivered direct messages a user's inbox holds (and retained ones in all)
 * @param inboxRetention  how long a direct message is kept
 * @param maxFrameBytes   largest text frame accepted; larger ones close the connection with 1009
 * @param maxTextLength   longest {@code text}, in Unicode code points
 * @param maxDataBytes    largest {@code data}, in bytes of its compact UTF-8 JSON
 * @param outboxFrames    frames one connection may have waiting to be written before it is closed with 4408
 * @param outboxBytes     bytes one connection may have waiting to be written before it is closed with 4408
 * @param presenceLimit   rooms with more members send no join/leave and list only this many members
 * @param closeTimeout    how long a closing connection's close frame may wait for a slow client
 * @param origins         browser origins allowed to connect; empty means the server's own
 * @param auth            how handshakes are authenticated: {@link AuthConfig#enabled()} false when they are not
 * @param rateLimit       frames per second one connection may send
 * @param rateBurst       frames one connection may send at once
 * @param rateStrikes     refused frames, each within a second of the one before, after which a connection is closed with 4429
 * @param maxConnections  open connections this node accepts in all; past it, 1013
 * @param maxPerAddress   open connections this node accepts from one remote address; past it, 1013
 * @param pingInterval    how long a connection may be silent before the server pings it
 * @param pingTimeout     how long a ping may go unanswered before the connection is closed with 4408
 * @param drain           how long a stopping node keeps its connections after readiness went down, before 1001
 * @param maxPerUser      connections one authenticated identity may hold on this node
 * @param apiKeys         the keys the server API accepts as {@code Authorization: Bearer}; empty means no key is asked
 * @param apiRate         server API calls per second one caller (key, or address without keys) may make
 * @param apiBurst        server API calls one caller may make at once
 * @param apiIdempotencyTtl how long the server API keeps the answer to a POST with an {@code Idempotency-Key}
 * @param authTimeout     how long a connection that came without a token may take to send its {@code auth} frame
 * @param historyTtl      how long a room with no event keeps its history
 * @param maxRooms        rooms with members or history the broker holds at most
 * @param maxUsers        users with retained direct messages the broker holds at most
 * @param brokerLease     how long a shared broker keeps this node's presence without a renewal
 * @param brokerHeartbeat how often this node renews its leases in a shared broker
 */
public record ParleyConfig(String node, String broker, int historySize, int inboxSize, Duration inboxRetention,
                           int maxFrameBytes, int maxTextLength, int maxDataBytes, int outboxFrames, int outboxBytes,
                           int presenceLimit, Duration closeTimeout, List<String> origins, AuthConfig auth,
                           int rateLimit, int rateBurst, int rateStrikes, int maxConnections, int maxPerAddress,
                           int maxPerUser, Duration pingInterval, Duration pingTimeout, Duration drain,
                           List<String> apiKeys, int apiRate, int apiBurst, Duration apiIdempotencyTtl,
                           Duration authTimeout, Duration historyTtl, int maxRooms, int maxUsers,
                           Duration brokerLease, Duration brokerHeartbeat) {

    public static ParleyConfig from(Settings s) {
        return new ParleyConfig(
                s.text("parley.node", "node-" + UUID.randomUUID().toString().substring(0, 8)),
                s.text("parley.broker", "memory"),
                s.positive("parley.history.size", 100),
                s.positive("parley.inbox.size", 1000),
                s.duration("parley.inbox.retention", Duration.ofDays(30)),
                s.positive("parley.frame.max", 65_536),
                s.positive("parley.text.max", 4000),
                s.positive("parley.data.max", 8192),
                s.positive("parley.outbox.frames", 1000),
                s.positive("parley.outbox.bytes", 1_048_576),
                s.positive("parley.presence.limit", 500),
                s.duration("parley.close.timeout", Duration.ofSeconds(5)),
                s.list("parley.origins"),
                auth(s),
                s.positive("parley.rate.limit", 20),
                s.positive("parley.rate.burst", 40),
                s.positive("parley.rate.strikes", 20),
                s.positive("parley.connections.max", 10_000),
                s.positive("parley.connections.per.address", 100),
                s.positive("parley.connections.per.user", 10),
                s.duration("parley.ping.interval", Duration.ofSeconds(30)),
                s.duration("parley.ping.timeout", Duration.ofSeconds(60)),
                s.duration("parley.drain", Duration.ZERO),
                s.list("parley.api.key"),
                s.positive("parley.api.rate", 200),
                s.positive("parley.api.burst", 400),
                s.duration("parley.api.idempotency.ttl", Duration.ofMinutes(5)),
                s.duration("parley.auth.timeout", Duration.ofSeconds(5)),
                historyTtl(s),
                s.positive("parley.rooms.max", BrokerSettings.MAX_ROOMS),
                s.positive("parley.users.max", BrokerSettings.MAX_USERS),
                s.duration("parley.broker.lease", BrokerSettings.LEASE),
                s.duration("parley.broker.heartbeat", BrokerSettings.HEARTBEAT));
    }

    /** What the broker keeps and how this node announces itself to a shared one. */
    public BrokerSettings brokerSettings() {
        return new BrokerSettings(historySize, inboxSize, inboxRetention, historyTtl, maxRooms, maxUsers, node,
                brokerLease, brokerHeartbeat);
    }

    private static AuthConfig auth(Settings s) {
        AuthConfig d = AuthConfig.OFF;
        return new AuthConfig(s.secret("parley.auth.secret").orElse(null), s.secret("parley.auth.key").orElse(null),
                s.text("parley.auth.jwks", null), s.duration("parley.auth.jwks.cache", d.jwksCache()),
                s.text("parley.auth.issuer", null), s.text("parley.auth.audience", null),
                s.text("parley.auth.user.claim", d.userClaim()), s.text("parley.auth.name.claim", d.nameClaim()),
                s.flag("parley.auth.exp.required", d.expRequired()),
                s.duration("parley.auth.max.lifetime", d.maxLifetime()), roomsFromClaim(s));
    }

    /** Zero would let a room's history go the moment it was written: refused. */
    private static Duration historyTtl(Settings s) {
        Duration ttl = s.duration("parley.history.ttl", BrokerSettings.HISTORY_TTL);
        if (ttl.isZero()) {
            throw new IllegalArgumentException("parley.history.ttl must be longer than 0");
        }
        return ttl;
    }

    private static boolean roomsFromClaim(Settings s) {
        String rooms = s.text("parley.auth.rooms", "off");
        return switch (rooms) {
            case "off" -> false;
            case "claim" -> true;
            default -> throw new IllegalArgumentException("parley.auth.rooms must be off or claim, not '" + rooms + "'");
        };
    }
}
