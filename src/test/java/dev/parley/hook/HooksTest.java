package dev.parley.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.ForwardingRoomBus;
import dev.parley.broker.ForwardingUserBus;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.ops.Metrics;
import dev.parley.testing.HookServer;
import dev.parley.testing.HookServer.Reply;
import dev.parley.wire.TextRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a node gets from its hook settings, and what it leaves behind when it stops. */
class HooksTest {

    private static Set<String> hookThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("parley-hook")).collect(Collectors.toSet());
    }

    @Test
    void withoutSettingsNothingIsMadeAndTheBusesAreTheBrokers() {
        MemoryBroker broker = new MemoryBroker(3, 3, Duration.ofDays(1), Clock.systemUTC());
        try (Hooks hooks = new Hooks(HookConfig.NONE, new TextRule(10), new Metrics(new SimpleMeterRegistry()))) {
            assertSame(PublishHook.NONE, hooks.publishHook());
            assertSame(broker.rooms(), hooks.rooms(broker.rooms()));
            assertSame(broker.users(), hooks.users(broker.users()));
        } finally {
            broker.close();
        }
    }

    @Test
    void reportingBusesHandTheBrokersLossSignalOn() throws Exception {
        try (HookServer server = HookServer.start(call -> new Reply(204, null, Duration.ZERO))) {
            Hooks hooks = new Hooks(new HookConfig(null, "k", Duration.ofSeconds(2), 4, false, server.url(), 100),
                    new TextRule(10), new Metrics(new SimpleMeterRegistry()));
            MemoryBroker broker = new MemoryBroker(3, 3, Duration.ofDays(1), Clock.systemUTC());
            List<Runnable> given = new ArrayList<>();
            RoomBus rooms = new ForwardingRoomBus(broker.rooms()) {
                @Override
                public Subscription subscribe(String room, Consumer<RoomEvent> listener, Runnable lost) {
                    given.add(lost);
                    return subscribe(room, listener);
                }
            };
            UserBus users = new ForwardingUserBus(broker.users()) {
                @Override
                public Subscription subscribe(String user, Consumer<DirectMessage> listener, Runnable lost) {
                    given.add(lost);
                    return subscribe(user, listener);
                }
            };
            try {
                Runnable roomLost = () -> { };
                Runnable userLost = () -> { };
                assertNotSame(rooms, hooks.rooms(rooms), "with an events URL the buses report");
                hooks.rooms(rooms).subscribe("r", e -> { }, roomLost).close();
                hooks.users(users).subscribe("u", m -> { }, userLost).close();
                assertEquals(List.of(roomLost, userLost), given);
            } finally {
                hooks.close();
                broker.close();
            }
        }
    }

    @Test
    void closingPostsTheQueuedEventsAndLeavesNoThreadBehind() throws Exception {
        try (HookServer server = HookServer.start(call -> Reply.ok("{\"result\":\"accept\"}"))) {
            Hooks hooks = new Hooks(new HookConfig(server.url(), null, Duration.ofSeconds(2), 4, false,
                    server.url(), 100), new TextRule(10), new Metrics(new SimpleMeterRegistry()));
            MemoryBroker broker = new MemoryBroker(3, 3, Duration.ofDays(1), Clock.systemUTC());
            try {
                BlockingQueue<HookVerdict> verdicts = new LinkedBlockingQueue<>();
                hooks.publishHook().screen(HookRequest.room("r", "a", "hi", null), verdicts::add);
                assertNotNull(verdicts.poll(5, TimeUnit.SECONDS));
                hooks.rooms(broker.rooms()).enter("r", "a");
                assertTrue(hookThreads().contains("parley-hook-events"), hookThreads().toString());
            } finally {
                hooks.close();
                broker.close();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!hookThreads().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10); // a stopped pool's last thread may take a moment to end
            }
            assertEquals(Set.of(), hookThreads(), "threads left behind");
            HookServer.Call hookCall = server.nextCall(Duration.ofSeconds(5));
            assertEquals("room", hookCall.body().getString("kind"));
            HookServer.Call events = server.nextCall(Duration.ofSeconds(5));
            assertNotNull(events, "the queued join was posted on close");
            assertEquals(List.of("join"), events.body().getJsonArray("events").getValuesAs(JsonObject.class)
                    .stream().map(e -> e.getString("type")).toList());
        }
    }
}
