package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.BrokerSettings;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.Origin;
import dev.parley.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the Redis broker stays bounded: its keys' sizes and expiry, and what churn leaves behind. */
class RedisBoundsTest {
    @RegisterExtension
    static final RedisContracts REDIS = new RedisContracts();

    private static final Duration HISTORY_TTL = Duration.ofHours(1);
    private static final Duration RETENTION = Duration.ofDays(30);

    private RedisClient client;
    private RedisCommands<String, String> redis;
    private RedisBroker broker;

    @BeforeEach
    void open() {
        RedisServer server = REDIS.server();
        client = RedisClient.create(server.url());
        redis = client.connect().sync();
        broker = RedisBroker.connect(server.url(), BrokerSettings.of(10, 10, RETENTION).withHistoryTtl(HISTORY_TTL));
    }

    @AfterEach
    void close() {
        broker.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private List<String> keys(String pattern) {
        List<String> found = new ArrayList<>();
        ScanIterator.scan(redis, ScanArgs.Builder.matches(pattern).limit(1000)).forEachRemaining(found::add);
        return found;
    }

    private static void assertExpiresWithin(long ttlMillis, long pttl, String key) {
        assertTrue(pttl > 0 && pttl <= ttlMillis, key + " expires in " + pttl + " ms");
    }

    @Test
    void tenThousandMessagesLeaveTheHistorySizeInTheStream() {
        for (int i = 0; i < 10_000; i++) {
            broker.rooms().publish("lobby", "alice", "m" + i, new Origin("c1", null));
        }
        assertEquals(10, redis.xlen("parley:{r:lobby}:history"));
    }

    @Test
    void aRoomsMetaAndHistoryExpireTogetherItsPresenceNot() {
        broker.rooms().enter("lobby", "alice");
        broker.rooms().publish("lobby", "alice", "hi", new Origin("c1", null));
        long ttl = HISTORY_TTL.toMillis();
        assertExpiresWithin(ttl, redis.pttl("parley:{r:lobby}:meta"), "meta");
        assertExpiresWithin(ttl, redis.pttl("parley:{r:lobby}:history"), "history");
        assertEquals(-1, redis.pttl("parley:{r:lobby}:presence"), "presence lasts while members are there");
    }

    @Test
    void aUsersKeysExpireAfterTheRetentionAndTheSweepsMarginOnlineOrNot() {
        broker.users().send("alice", "bob", "stored");
        long ttl = RETENTION.toMillis() + 2 * Duration.ofMinutes(1).toMillis();
        for (String key : List.of("meta", "retained", "bodies", "pending")) {
            assertExpiresWithin(ttl, redis.pttl("parley:{u:bob}:" + key), key);
        }
        // online, its keys expire all the same: by then everything it retains is past its retention
        broker.users().online("bob");
        redis.persist("parley:{u:bob}:meta");
        broker.users().send("alice", "bob", "live");
        for (String key : List.of("meta", "retained", "bodies", "pending")) {
            assertExpiresWithin(ttl, redis.pttl("parley:{u:bob}:" + key), key + ", bob online");
        }
        broker.users().offline("bob");
    }

    @Test
    void twoThousandVisitsLeaveNoKeyBehind() {
        for (int i = 0; i < 2_000; i++) {
            String room = "room-" + (i % 50);
            String guest = broker.rooms().enter(room, null).name();
            broker.rooms().enter(room, "alice");
            broker.users().online("alice");
            broker.users().online("user-" + i);
            broker.users().offline("user-" + i);
            broker.users().offline("alice");
            broker.rooms().leave(room, "alice");
            broker.rooms().leave(room, guest);
        }
        assertEquals(List.of(), keys("parley:{*"), "no room or user key is left");
        assertEquals(0, redis.zcard(RoomKeys.ACTIVE));
    }

    @Test
    void aUserWithNothingRetainedAndOfflineHasNoKey() {
        broker.users().online("bob");
        DirectMessage m = broker.users().send("alice", "bob", "hi").message();
        broker.users().delivered("bob", m.seq());
        broker.users().offline("bob");
        assertTrue(redis.exists("parley:{u:bob}:meta") == 1, "the delivered message is retained for resume");

        RedisBroker quick = RedisBroker.connect(REDIS.server().url(),
                BrokerSettings.of(10, 10, Duration.ofMillis(1)));
        try {
            quick.sweep();
        } finally {
            quick.close();
        }
        assertEquals(List.of(), keys("parley:{u:bob}:*"));
        assertEquals(0, quick.usersHeld());
    }
}
