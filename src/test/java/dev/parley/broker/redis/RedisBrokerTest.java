package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.ActiveRoom;
import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.Disconnect;
import dev.parley.broker.Origin;
import dev.parley.broker.Received;
import dev.parley.broker.Replay;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomPage;
import dev.parley.broker.Subscription;
import dev.parley.testing.RedisServer;
import io.lettuce.core.FlushMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the Redis broker has: its keys, its functions, its epoch, and a Redis that goes away. */
class RedisBrokerTest {
    @RegisterExtension
    static final RedisContracts REDIS = new RedisContracts();

    private RedisClient client;
    private RedisCommands<String, String> redis;
    private RedisBroker broker;

    @BeforeEach
    void open() {
        client = RedisClient.create(REDIS.server().url());
        StatefulRedisConnection<String, String> connection = client.connect();
        redis = connection.sync();
        broker = REDIS.broker(3, 10, Duration.ofDays(30));
    }

    @AfterEach
    void close() {
        broker.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void theHistoryIsTrimmedExactlyToItsSize() {
        for (int i = 0; i < 500; i++) {
            broker.rooms().publish("lobby", "alice", "m" + i, new Origin("c1", null));
        }
        assertEquals(3, redis.xlen("parley:{r:lobby}:history"));
    }

    @Test
    void everyKeyOfARoomOrAUserCarriesItsHashTag() {
        broker.rooms().enter("lobby", "alice");
        broker.rooms().publish("lobby", "alice", "hi", new Origin("c1", null));
        broker.users().send("alice", "bob", "hi");
        for (String key : redis.keys("*")) {
            assertTrue(key.startsWith("parley:{r:lobby}:") || key.startsWith("parley:{u:bob}:")
                    || key.equals("parley:epoch") || key.equals("parley:undelivered") || key.equals("parley:rooms")
                    || key.equals("parley:leases"),
                    key);
        }
        assertEquals(List.of("parley:{r:lobby}:held:" + broker.incarnation(), "parley:{r:lobby}:history",
                "parley:{r:lobby}:leases", "parley:{r:lobby}:meta", "parley:{r:lobby}:presence"),
                redis.keys("parley:{r:*").stream().sorted().toList());
    }

    @Test
    void aRoomEnteredAndLeftWithNoMessageLeavesNoKeys() {
        for (int i = 0; i < 100; i++) {
            String room = "room" + (i % 7);
            String name = broker.rooms().enter(room, i % 3 == 0 ? null : "user" + i).name();
            broker.rooms().leave(room, name);
        }
        assertEquals(List.of(), redis.keys("parley:{r:*"));
    }

    @Test
    void aUserConnectedAndGoneWithNoMessageLeavesNoKeys() {
        Subscription subscription = broker.users().subscribe("bob", m -> { });
        broker.users().online("bob");
        broker.users().pending("bob");
        broker.users().catchUp("bob", "not-an-id");
        broker.users().delivered("bob", 1);
        broker.users().offline("bob");
        subscription.close();
        assertEquals(List.of(), redis.keys("parley:{u:*"));
    }

    @Test
    void functionsLostByRedisAreLoadedAgain() {
        redis.functionFlush(FlushMode.SYNC);
        RoomMessage m = broker.rooms().publish("lobby", "alice", "hi", new Origin("c1", null));
        assertEquals(1, m.seq());
    }

    @Test
    void idsFromAnotherRedisAreUnknown() {
        broker.rooms().publish("lobby", "alice", "m1", new Origin("c1", null));
        broker.users().send("alice", "bob", "d1");
        try (RedisServer otherServer = RedisServer.start();
             RedisBroker other = RedisBroker.connect(otherServer.url(), 3, 10, Duration.ofDays(30))) {
            String foreignRoom = other.rooms().publish("lobby", "alice", "elsewhere", new Origin("c9", null)).id();
            String foreignUser = other.users().send("alice", "bob", "elsewhere").message().id();
            assertFalse(foreignRoom.equals(broker.rooms().snapshot("lobby", null, 10).history().messages().get(0).id()),
                    "another Redis, another epoch");
            assertEquals(Boolean.FALSE, broker.rooms().snapshot("lobby", foreignRoom, 10).history().recovered());
            Replay<DirectMessage> catchUp = broker.users().catchUp("bob", foreignUser);
            assertEquals(Boolean.FALSE, catchUp.recovered());
            assertEquals(List.of("d1"), catchUp.messages().stream().map(DirectMessage::text).toList());
        }
    }

    @Test
    void aSecondBrokerOnTheSameRedisSharesItsIdsAndStreams() {
        try (RedisBroker second = REDIS.broker(3, 10, Duration.ofDays(30))) {
            RoomMessage first = broker.rooms().publish("lobby", "alice", "m1", new Origin("c1", null));
            RoomMessage next = second.rooms().publish("lobby", "bob", "m2", new Origin("c2", null));
            assertEquals(first.seq() + 1, next.seq(), "one order per room");
            Replay<RoomMessage> replay = second.rooms().snapshot("lobby", first.id(), 10).history();
            assertEquals(Boolean.TRUE, replay.recovered());
            assertEquals(List.of("m2"), replay.messages().stream().map(RoomMessage::text).toList());
        }
    }

    @Test
    void aDisconnectReachesTheListenersOfEveryNode() {
        try (RedisBroker second = REDIS.broker(3, 10, Duration.ofDays(30))) {
            Received<Disconnect> here = new Received<>();
            Received<Disconnect> there = new Received<>();
            try (Subscription a = broker.disconnects().subscribe(here);
                 Subscription b = second.disconnects().subscribe(there)) {
                second.disconnects().request(new Disconnect("bob", 4403, "ü banned"));
                assertEquals(List.of(new Disconnect("bob", 4403, "ü banned")), here.await(1));
                assertEquals(List.of(new Disconnect("bob", 4403, "ü banned")), there.await(1));
            }
        }
    }

    @Test
    void activeRoomsAreTheSameFromEveryNode() {
        try (RedisBroker second = REDIS.broker(3, 10, Duration.ofDays(30))) {
            broker.rooms().enter("b", "alice");
            second.rooms().enter("a", "bob");
            second.rooms().enter("b", "carol");
            assertEquals(new RoomPage(List.of(new ActiveRoom("a", 1), new ActiveRoom("b", 2)), null),
                    broker.rooms().active(null, 10));
            broker.rooms().leave("b", "alice");
            second.rooms().leave("b", "carol");
            assertEquals(new RoomPage(List.of(new ActiveRoom("a", 1)), null), second.rooms().active(null, 10));
        }
    }

    @Test
    void anOlderNodeEnteringAndLeavingWithoutTheSetOfActiveRoomsStillWorks() {
        RoomKeys keys = RoomKeys.of("old");
        List<Object> entered = redis.fcall("parley_room_enter", ScriptOutputType.MULTI,
                new String[] {keys.meta(), keys.presence()}, keys.channel(), "0", "bob");
        assertEquals("bob", entered.get(0));
        List<Object> left = redis.fcall("parley_room_leave", ScriptOutputType.MULTI,
                new String[] {keys.meta(), keys.presence(), keys.history()}, keys.channel(), "bob");
        assertEquals(1L, left.get(0));
    }

    @Test
    void anIdempotencyKeyIsSharedByTheNodesAndLivesItsTimeInRedis() {
        try (RedisBroker second = REDIS.broker(3, 10, Duration.ofDays(30))) {
            assertEquals(Optional.empty(), broker.idempotency().claim("k", Duration.ofMinutes(5)));
            broker.idempotency().complete("k", "201\n{}");
            assertEquals(Optional.of("201\n{}"), second.idempotency().claim("k", Duration.ofMinutes(5)));
            long ttl = redis.pttl("parley:idempotency:k");
            assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(5).toMillis(), "expires with the claim: " + ttl);
        }
    }

    @Test
    void directMessagesPastTheRetentionExpireUndelivered() throws InterruptedException {
        try (RedisBroker shortLived = REDIS.broker(3, 10, Duration.ofMillis(200))) {
            shortLived.users().send("alice", "bob", "old");
            Thread.sleep(300); // past the retention: the message must be gone when read
            assertEquals(List.of(), shortLived.users().pending("bob").messages());
            assertEquals(1, shortLived.expired());
            assertEquals(0, shortLived.undelivered());
        }
    }

    @Test
    void aRedisThatIsGoneRefusesAtOnceAndSaysSo() {
        try (RedisServer doomed = RedisServer.start();
             RedisBroker onDoomed = RedisBroker.connect(doomed.url(), 3, 10, Duration.ofDays(30))) {
            onDoomed.rooms().publish("lobby", "alice", "before", new Origin("c1", null));
            assertTrue(onDoomed.isUp());
            doomed.close();
            assertThrows(BrokerUnavailableException.class,
                    () -> onDoomed.rooms().publish("lobby", "alice", "during", new Origin("c1", "r2")));
            assertThrows(BrokerUnavailableException.class, () -> onDoomed.users().send("alice", "bob", "during"));
            assertThrows(BrokerUnavailableException.class, () -> onDoomed.rooms().subscribe("kitchen", e -> { }));
            assertFalse(onDoomed.isUp());
        }
    }

    @Test
    void aRedisInClusterModeIsRefusedAtStart() {
        try (RedisServer cluster = RedisServer.startWith(List.of("--appendonly", "no", "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RedisBroker.connect(cluster.url(), 3, 10, Duration.ofDays(30)));
            assertTrue(e.getMessage().startsWith("parley.broker: this Redis runs in cluster mode"), e.getMessage());
        }
    }

    @Test
    void aLargeInboxIsReadWhole() {
        try (RedisBroker large = REDIS.broker(3, 9_000, Duration.ofDays(30))) {
            for (int i = 1; i <= 8_500; i++) {
                large.users().send("alice", "zoe", "m" + i);
            }
            List<DirectMessage> pending = large.users().pending("zoe").messages();
            assertEquals(8_500, pending.size());
            for (int i = 0; i < pending.size(); i++) {
                assertEquals(i + 1, pending.get(i).seq());
                assertEquals("m" + (i + 1), pending.get(i).text());
            }
        }
    }
}
