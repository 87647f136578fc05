package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.Origin;
import dev.parley.broker.Received;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import io.lettuce.core.FlushMode;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pub/sub is at most once: what a node misses is filled from the stream, in order, before anything
 * newer; what cannot be filled is signalled as lost; a Redis that came back with fewer events than a
 * node saw gives the stream a new epoch. Events are made to miss the node by publishing them, with
 * Parley's own functions, to a channel nobody listens to, or by killing the node's pub/sub connection.
 */
class RedisGapRepairTest {
    @RegisterExtension
    static final RedisContracts REDIS = new RedisContracts();
    private static final int HISTORY = 1000;
    private static final String LOBBY_META = "parley:{r:lobby}:meta";
    private static final String LOBBY_HISTORY = "parley:{r:lobby}:history";

    private RedisClient client;
    private RedisCommands<String, String> redis;
    private RedisBroker broker;
    private final Received<RoomEvent> lobby = new Received<>();
    private final AtomicInteger lobbyLost = new AtomicInteger();

    @BeforeEach
    void open() {
        client = RedisClient.create(REDIS.server().url());
        StatefulRedisConnection<String, String> connection = client.connect();
        redis = connection.sync();
    }

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private void listen(int historySize) {
        broker = REDIS.broker(historySize, HISTORY, Duration.ofDays(30));
        broker.rooms().subscribe("lobby", lobby, lobbyLost::incrementAndGet);
    }

    private RoomMessage publish(String text) {
        return broker.rooms().publish("lobby", "alice", text, new Origin("c1", null));
    }

    /** A message that takes its place in the lobby's stream but never reaches this node. */
    private void publishUnheard(String text, int historySize) {
        redis.fcall("parley_room_publish", ScriptOutputType.VALUE, new String[] {LOBBY_META, LOBBY_HISTORY},
                "nowhere", Integer.toString(historySize), "alice", text, "c0", "0", "", "1", "");
    }

    private List<String> lobbyTexts() {
        return lobby.events().stream().filter(e -> e instanceof RoomMessage).map(e -> ((RoomMessage) e).text())
                .toList();
    }

    private static void awaitValue(IntSupplier value, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (value.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                fail("expected " + expected + ", got " + value.getAsInt());
            }
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGapIsFilledFromTheHistoryBeforeAnythingNewer() {
        listen(HISTORY);
        publish("m1");
        publishUnheard("m2", HISTORY);
        publishUnheard("m3", HISTORY);
        // a join nobody heard: a position the history does not hold, skipped as presence
        redis.fcall("parley_room_enter", ScriptOutputType.MULTI,
                new String[] {LOBBY_META, "parley:{r:lobby}:presence", RoomKeys.ACTIVE}, "nowhere", "0", "bob", "lobby");
        publish("m4");
        lobby.await(4);
        assertEquals(List.of("m1", "m2", "m3", "m4"), lobbyTexts());
        assertEquals(List.of(1L, 2L, 3L, 5L), lobby.events().stream().map(RoomEvent::seq).toList());
        assertEquals(0, lobbyLost.get(), "nothing was lost");
    }

    @Test
    void aQuietRoomIsFilledByThePeriodicCheck() {
        listen(HISTORY);
        publish("m1");
        publishUnheard("m2", HISTORY);
        lobby.await(2);
        assertEquals(List.of("m1", "m2"), lobbyTexts());
        assertEquals(0, lobbyLost.get());
    }

    @Test
    void aGapPastTheTrimmedHistoryIsLost() {
        listen(3);
        publish("m1");
        for (int i = 2; i <= 6; i++) {
            publishUnheard("m" + i, 3);
        }
        publish("m7");
        awaitValue(lobbyLost::get, 1);
        lobby.await(2);
        publish("m8");
        lobby.await(3);
        assertEquals(List.of("m1", "m7", "m8"), lobbyTexts(), "delivery goes on from the stream's position");
        assertEquals(1, lobbyLost.get());
    }

    @Test
    void aDirectMessageNobodyHeardIsFilledFromTheRetainedOnes() {
        broker = REDIS.broker(HISTORY, HISTORY, Duration.ofDays(30));
        Received<DirectMessage> bob = new Received<>();
        AtomicInteger lost = new AtomicInteger();
        broker.users().subscribe("bob", bob, lost::incrementAndGet);
        broker.users().online("bob");
        broker.users().send("alice", "bob", "d1");
        redis.fcall("parley_user_send", ScriptOutputType.MULTI, UserKeys.of("bob").all(), "nowhere",
                Integer.toString(HISTORY), "alice", "bob", "d2", "1", "");
        broker.users().send("alice", "bob", "d3");
        bob.await(3);
        assertEquals(List.of("d1", "d2", "d3"), bob.events().stream().map(DirectMessage::text).toList());
        assertEquals(0, lost.get());
    }

    /** Kills the node's pub/sub connection from Redis; answers how many connections were killed. */
    private long killPubSub() {
        long killed = redis.clientKill(KillArgs.Builder.typePubsub());
        if (killed > 0) {
            return killed;
        }
        // a RESP3 connection that subscribed is not of type pubsub for CLIENT KILL: find it by its channels
        for (String line : redis.clientList().split("\n")) {
            if (line.contains(" sub=") && !line.contains(" sub=0 ")) {
                String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
                killed += redis.clientKill(KillArgs.Builder.id(Long.parseLong(id)));
            }
        }
        return killed;
    }

    /** Kills the pub/sub connection once Lettuce has it back from the last kill. */
    private long killOnceConnected() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long killed;
        while ((killed = killPubSub()) == 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
        return killed;
    }

    @Test
    void killingThePubSubConnectionWhilePublishingLosesNothing() {
        listen(HISTORY);
        Received<DirectMessage> bob = new Received<>();
        AtomicInteger bobLost = new AtomicInteger();
        broker.users().subscribe("bob", bob, bobLost::incrementAndGet);
        broker.users().online("bob");
        long killed = 0;
        for (int i = 1; i <= 200; i++) {
            publish("m" + i);
            broker.users().send("alice", "bob", "d" + i);
            if (i % 40 == 10) {
                killed += killOnceConnected();
            }
        }
        assertEquals(5, killed, "the pub/sub connection was killed each time");
        lobby.await(200);
        bob.await(200);
        sleep(200);
        List<RoomEvent> got = lobby.events();
        assertEquals(200, got.size(), "no duplicates");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertEquals(i + 1, got.get(i).seq(), "in order");
            assertTrue(ids.add(((RoomMessage) got.get(i)).id()));
        }
        List<DirectMessage> direct = bob.events();
        assertEquals(200, direct.size(), "no duplicates");
        for (int i = 0; i < 200; i++) {
            assertEquals("d" + (i + 1), direct.get(i).text(), "in order");
        }
        assertEquals(0, lobbyLost.get(), "nothing was lost");
        assertEquals(0, bobLost.get(), "nothing was lost");
    }

    @Test
    void aRedisThatCameBackEmptyGivesNewEpochsAndOldIdsAreUnknown() {
        listen(HISTORY);
        RoomMessage before = publish("m1");
        publish("m2");
        String direct = broker.users().send("alice", "bob", "d1").message().id();
        lobby.await(2);
        // what a restart without persistence leaves: no data, no functions, every connection dropped
        redis.flushall();
        redis.functionFlush(FlushMode.SYNC);
        redis.clientKill(KillArgs.Builder.typeNormal().skipme());
        killPubSub();

        RoomMessage after = whenConnected(() -> publish("again"));
        assertEquals(1, after.seq(), "the room's positions start again");
        assertNotEquals(before.id(), after.id(), "under a new epoch");
        assertEquals(Boolean.FALSE, broker.rooms().snapshot("lobby", before.id(), 10).history().recovered());
        broker.users().send("alice", "bob", "d2");
        assertEquals(Boolean.FALSE, broker.users().catchUp("bob", direct).recovered());
        awaitValue(lobbyLost::get, 1);
    }

    /** Calls again while the broker's connection is still coming back. */
    private static <T> T whenConnected(java.util.function.Supplier<T> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return call.get();
            } catch (dev.parley.broker.BrokerUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(20);
            }
        }
    }

    /** Redis came back from an append-only file that missed its last second: the state after m7 again. */
    private void loseTheLastThree(RedisBroker node) {
        for (int i = 1; i <= 7; i++) {
            publish("m" + i);
        }
        RedisCommands<byte[], byte[]> raw = client.connect(ByteArrayCodec.INSTANCE).sync();
        byte[] meta = raw.dump(bytes(LOBBY_META));
        byte[] history = raw.dump(bytes(LOBBY_HISTORY));
        for (int i = 8; i <= 10; i++) {
            publish("m" + i);
        }
        lobby.await(10);
        raw.restore(bytes(LOBBY_META), meta, io.lettuce.core.RestoreArgs.Builder.ttl(0).replace());
        raw.restore(bytes(LOBBY_HISTORY), history, io.lettuce.core.RestoreArgs.Builder.ttl(0).replace());
        assertEquals("7", redis.hget(LOBBY_META, "seq"));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPositionGivenAgainByAnotherNodeRenewsTheEpoch() {
        listen(HISTORY);
        try (RedisBroker other = REDIS.broker(HISTORY, HISTORY, Duration.ofDays(30))) {
            loseTheLastThree(broker);
            String seen = lobby.events().get(9) instanceof RoomMessage m ? m.id() : null;
            String kept = ((RoomMessage) lobby.events().get(6)).id();
            String epoch = redis.hget(LOBBY_META, "epoch");
            RoomMessage reused = other.rooms().publish("lobby", "bob", "m8 again", new Origin("c2", null));
            assertEquals(8, reused.seq());
            awaitValue(lobbyLost::get, 1);
            assertNotEquals(epoch, redis.hget(LOBBY_META, "epoch"), "the node gave the room a new epoch");
            assertEquals(Boolean.FALSE, broker.rooms().snapshot("lobby", seen, 10).history().recovered());
            assertEquals(Boolean.FALSE, broker.rooms().snapshot("lobby", kept, 10).history().recovered());
            RoomMessage next = publish("m9 again");
            assertEquals(9, next.seq());
            assertNotEquals(seen.substring(0, seen.indexOf('-')), next.id().substring(0, next.id().indexOf('-')));
            assertEquals(Boolean.TRUE, broker.rooms().snapshot("lobby", next.id(), 10).history().recovered());
        }
    }

    @Test
    void aPositionGivenAgainToTheNodesOwnPublishRenewsTheEpoch() {
        listen(HISTORY);
        loseTheLastThree(broker);
        String epoch = redis.hget(LOBBY_META, "epoch");
        String seen = ((RoomMessage) lobby.events().get(9)).id();
        assertEquals(8, publish("m8 again").seq());
        awaitValue(lobbyLost::get, 1);
        assertNotEquals(epoch, redis.hget(LOBBY_META, "epoch"));
        assertEquals(Boolean.FALSE, broker.rooms().snapshot("lobby", seen, 10).history().recovered());
    }

    @Test
    void aStreamBehindWhatTheNodeDeliveredIsFoundByTheCheckAlone() {
        listen(HISTORY);
        loseTheLastThree(broker);
        String epoch = redis.hget(LOBBY_META, "epoch");
        awaitValue(lobbyLost::get, 1);
        assertNotEquals(epoch, redis.hget(LOBBY_META, "epoch"), "renewed with nothing published since");
    }
}
