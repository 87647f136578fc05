package dev.parley.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.broker.Origin;
import dev.parley.broker.RoomBus;
import dev.parley.broker.UserBus;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.ops.Metrics;
import dev.parley.testing.HookServer;
import dev.parley.testing.HookServer.Reply;
import dev.parley.wire.TextRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events posted in batches to a real HTTP server on loopback. */
class HookEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private HookServer server(Function<HookServer.Call, Reply> answer) {
        HookServer server = HookServer.start(answer);
        open.add(server);
        return server;
    }

    private HookEvents events(URI url, int queue, int batch, Duration linger, Backoff backoff) {
        HookEvents events = new HookEvents(HTTP, JsonbBuilder.create(),
                new HookConfig(null, "k", Duration.ofSeconds(2), 64, false, url, queue), batch, linger, backoff,
                new Metrics(registry));
        open.add(0, events);
        return events;
    }

    private double counted(String name) {
        return registry.get(name).counter().count();
    }

    private static List<String> texts(JsonObject batch) {
        return batch.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("text", e.getString("type"))).toList();
    }

    @Test
    void roomMessagesJoinsLeavesAndDirectMessagesArePostedInBatchesInOrder() throws Exception {
        HookServer server = server(call -> new Reply(204, null, Duration.ZERO));
        Hooks hooks = new Hooks(new HookConfig(null, "k", Duration.ofSeconds(2), 64, false, server.url(), 100),
                new TextRule(10), new Metrics(registry));
        open.add(0, hooks);
        MemoryBroker broker = new MemoryBroker(10, 10, Duration.ofDays(1), java.time.Clock.systemUTC());
        open.add(broker::close);
        RoomBus rooms = hooks.rooms(broker.rooms());
        UserBus users = hooks.users(broker.users());

        rooms.enter("lobby", "alice");
        rooms.enter("lobby", "alice");
        rooms.publish("lobby", "alice", "hi", new Origin("c1", null));
        users.send("alice", "bob", "psst");
        rooms.leave("lobby", "alice");
        rooms.leave("lobby", "alice");

        HookServer.Call call = server.nextCall(WAIT);
        assertNotNull(call);
        assertEquals("Bearer k", call.authorization());
        List<JsonObject> events = call.body().getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("join", "message", "message", "leave"), events.stream().map(e -> e.getString("type")).toList(),
                "a name joins with its first connection and leaves with its last");
        assertEquals("lobby", events.get(0).getString("room"));
        assertEquals("alice", events.get(0).getString("user"));
        JsonObject message = events.get(1);
        assertEquals("lobby", message.getString("room"));
        assertEquals("alice", message.getString("from"));
        assertEquals("hi", message.getString("text"));
        assertNotNull(message.getString("id"));
        Instant.parse(message.getString("ts"));
        JsonObject direct = events.get(2);
        assertEquals("bob", direct.getString("to"));
        assertEquals("psst", direct.getString("text"));
        assertNull(direct.get("room"));
        assertFalse(message.containsKey("data"), "absent fields are left out");
        awaitCount("parley.hook.events.sent", 4);
    }

    @Test
    void aBatchGoesWhenFullOrAfterTheLinger() throws Exception {
        HookServer server = server(call -> new Reply(200, null, Duration.ZERO));
        HookEvents events = events(server.url(), 100, 3, Duration.ofMillis(300), Backoff.EVENTS);
        for (int i = 0; i < 5; i++) {
            events.add(HookEvent.join("r", "u" + i, Instant.now()));
        }
        assertEquals(3, server.nextCall(WAIT).body().getJsonArray("events").size());
        assertEquals(2, server.nextCall(WAIT).body().getJsonArray("events").size(), "the rest after the linger");
    }

    @Test
    void aFailedBatchIsTriedAgainUntilTheServerTakesIt() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        HookServer server = server(call -> new Reply(tries.incrementAndGet() <= 2 ? 503 : 200, null, Duration.ZERO));
        HookEvents events = events(server.url(), 100, 10, Duration.ZERO, new Backoff(Duration.ofMillis(50),
                Duration.ofMillis(200), 5));
        events.add(HookEvent.join("r", "u", Instant.now()));
        for (int i = 0; i < 3; i++) {
            HookServer.Call call = server.nextCall(WAIT);
            assertNotNull(call, "try " + (i + 1));
            assertEquals(List.of("join"), texts(call.body()));
        }
        assertNull(server.nextCall(Duration.ofMillis(300)), "taken: not posted again");
    }

    @Test
    void aBatchIsGivenUpAfterItsAttemptsAndCounted() throws Exception {
        HookServer server = server(call -> new Reply(500, null, Duration.ZERO));
        HookEvents events = events(server.url(), 10, 10, Duration.ZERO,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(20), 3));
        events.add(HookEvent.join("r", "u", Instant.now()));
        for (int i = 0; i < 3; i++) {
            assertNotNull(server.nextCall(WAIT));
        }
        awaitCount("parley.hook.events.failed", 1);
        assertNull(server.nextCall(Duration.ofMillis(200)), "no fourth try");
    }

    @Test
    void pastTheQueuesCapacityEventsAreDroppedAndCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HookServer server = server(call -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Reply(200, null, Duration.ZERO);
        });
        HookEvents events = events(server.url(), 2, 10, Duration.ZERO, Backoff.EVENTS);
        events.add(HookEvent.join("r", "first", Instant.now()));
        assertNotNull(server.nextArrival(WAIT), "the first batch is being posted");
        events.add(HookEvent.join("r", "second", Instant.now()));
        events.add(HookEvent.join("r", "third", Instant.now()));
        events.add(HookEvent.join("r", "fourth", Instant.now()));
        assertEquals(1, counted("parley.hook.events.dropped"));
        assertEquals(2, events.queued());
        release.countDown();
        assertEquals(List.of("first"), server.nextCall(WAIT).body().getJsonArray("events")
                .getValuesAs(JsonObject.class).stream().map(e -> e.getString("user")).toList());
        JsonObject rest = server.nextCall(WAIT).body();
        assertEquals(List.of("second", "third"), rest.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("user")).toList());
    }

    @Test
    void closingPostsWhatIsQueuedAndEndsTheThread() throws Exception {
        HookServer server = server(call -> new Reply(200, null, Duration.ZERO));
        HookEvents events = events(server.url(), 100, 10, Duration.ofSeconds(30), Backoff.EVENTS);
        events.add(HookEvent.join("r", "u", Instant.now()));
        events.close();
        HookServer.Call call = server.nextCall(WAIT);
        assertNotNull(call, "posted on close, without waiting for the linger");
        assertEquals(JsonValue.ValueType.ARRAY, call.body().get("events").getValueType());
        assertFalse(events.running(), "the thread has ended");
    }

    private void awaitCount(String name, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (counted(name) < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, counted(name));
    }
}
