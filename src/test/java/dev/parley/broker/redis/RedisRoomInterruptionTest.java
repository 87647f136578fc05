package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.connection.Close;
import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.FakeTransport;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import dev.parley.connection.Interruption;
import dev.parley.hook.PublishHook;
import dev.parley.room.Rooms;
import dev.parley.wire.Inbound;
import dev.parley.wire.Limits;
import dev.parley.wire.TextRule;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From Redis to the client: a room whose missed events are gone from the history closes this node's
 * members with 1001, each after its own delay, and one who resumes with the last id it saw learns that it
 * missed messages.
 */
class RedisRoomInterruptionTest {
    @RegisterExtension
    static final RedisContracts REDIS = new RedisContracts();
    private static final Limits LIMITS = new Limits(10, 8192, 512, 7, 9);

    private RedisClient client;
    private RedisCommands<String, String> redis;
    private RedisBroker broker;
    private final Hub hub = Hubs.generous();
    private final List<Long> delays = new CopyOnWriteArrayList<>();
    private Rooms rooms;

    @BeforeEach
    void open() {
        client = RedisClient.create(REDIS.server().url());
        redis = client.connect().sync();
        broker = REDIS.broker(3, 10, Duration.ofDays(30));
        // each close runs at once; its delay is recorded
        Interruption now = new Interruption((task, millis) -> {
            delays.add(millis);
            task.run();
        }, bound -> bound / 2);
        rooms = new Rooms(broker.rooms(), hub, new TextRule(100), 10, LIMITS, PublishHook.NONE, now);
    }

    @AfterEach
    void close() {
        broker.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private record Member(Connection connection, FakeTransport transport) {
    }

    private Member join(String name, String since) {
        FakeTransport transport = new FakeTransport();
        Connection connection = hub.open(transport, EndpointKind.ROOM, null, null);
        rooms.join(connection, "lobby", name, since);
        return new Member(connection, transport);
    }

    private static void awaitClosed(FakeTransport transport) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (transport.closes().isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("not closed");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static List<JsonObject> messages(FakeTransport transport) {
        return transport.frames().stream().filter(f -> "message".equals(f.getString("type"))).toList();
    }

    @Test
    void membersOfARoomWhoseMissedEventsAreGoneAreClosedWith1001AndResumeNotRecovered() {
        Member alice = join("alice", null);
        Member bob = join("bob", null);
        rooms.receive(alice.connection(), new Inbound.Message("m1", null, null, null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (messages(bob.transport()).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        String lastSeen = messages(bob.transport()).get(0).getString("id");
        for (int i = 2; i <= 6; i++) { // published where this node does not listen, and trimmed past
            redis.fcall("parley_room_publish", ScriptOutputType.VALUE,
                    new String[] {"parley:{r:lobby}:meta", "parley:{r:lobby}:history"}, "nowhere", "3", "carol",
                    "m" + i, "c9", "0", "", "1", "");
        }
        rooms.receive(alice.connection(), new Inbound.Message("m7", null, null, null));

        awaitClosed(alice.transport());
        awaitClosed(bob.transport());
        assertEquals(List.of(Close.STREAM_INTERRUPTED), alice.transport().closes());
        assertEquals(List.of(Close.STREAM_INTERRUPTED), bob.transport().closes());
        assertEquals(List.of(2500L, 2500L), delays);
        assertTrue(messages(bob.transport()).stream().noneMatch(m -> m.getString("text").equals("m7")),
                "nothing past the hole reached the members");

        Member back = join("bob", lastSeen);
        JsonObject welcome = back.transport().frames().get(0);
        assertEquals(Boolean.FALSE, welcome.getBoolean("recovered"));
        assertEquals(List.of("m5", "m6", "m7"), welcome.getJsonArray("history").getValuesAs(JsonObject.class)
                .stream().map(m -> m.getString("text")).toList());
    }
}
