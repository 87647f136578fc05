package dev.parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.ForwardingRoomBus;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.Subscription;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Close;
import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.FakeTransport;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import dev.parley.connection.Interruption;
import dev.parley.hook.PublishHook;
import dev.parley.wire.Inbound;
import dev.parley.wire.Limits;
import dev.parley.wire.TextRule;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A room whose stream the broker lost: its members here hear nothing more and are closed with 1001, each later. */
class RoomInterruptionTest {
    private static final Limits LIMITS = new Limits(10, 8192, 512, 7, 9);
    private final MemoryBroker broker = new MemoryBroker(3, 10, Duration.ofDays(1), Clock.systemUTC());
    private final LosingBus bus = new LosingBus(broker.rooms());
    private final Hub hub = Hubs.generous();
    private final List<Runnable> later = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<Long> bounds = new ArrayList<>();
    private final Random random = new Random(7);
    private final Interruption interruption = new Interruption((task, millis) -> {
        later.add(task);
        delays.add(millis);
    }, bound -> {
        bounds.add(bound);
        return random.nextLong(bound + 1);
    });
    private final Rooms rooms = new Rooms(bus, hub, new TextRule(10), 10, LIMITS, PublishHook.NONE, interruption);

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    /** The memory broker never loses a stream; this one lets a test say it did. */
    private static final class LosingBus extends ForwardingRoomBus {
        private final Map<String, Runnable> lost = new HashMap<>();

        LosingBus(RoomBus delegate) {
            super(delegate);
        }

        void lose(String room) {
            lost.get(room).run();
        }

        @Override
        public Subscription subscribe(String room, Consumer<RoomEvent> listener, Runnable onLost) {
            lost.put(room, onLost);
            return subscribe(room, listener);
        }
    }

    private record Member(Connection connection, FakeTransport transport) {
    }

    private Member join(String room, String name) {
        FakeTransport transport = new FakeTransport();
        Connection connection = hub.open(transport, EndpointKind.ROOM, null, null);
        rooms.join(connection, room, name, null);
        transport.take();
        return new Member(connection, transport);
    }

    private void say(Member from, String text) {
        rooms.receive(from.connection(), new Inbound.Message(text, null, null, null));
    }

    private static List<String> texts(FakeTransport transport) {
        return transport.take().stream().filter(f -> "message".equals(f.getString("type")))
                .map(f -> f.getString("text")).toList();
    }

    @Test
    void membersOfALostRoomHearNothingMoreAndAreClosedWith1001EachAfterItsOwnDelay() {
        Member alice = join("lobby", "alice");
        Member bob = join("lobby", "bob");
        Member carol = join("kitchen", "carol");
        alice.transport().take();
        say(alice, "m1");
        assertEquals(List.of("m1"), texts(bob.transport()));
        alice.transport().take();

        bus.lose("lobby");
        assertEquals(2, later.size(), "one close per member of the room, none for the kitchen");
        assertEquals(List.of(5000L, 5000L), bounds, "each drawn from 0 to 5 s");
        assertTrue(delays.stream().allMatch(d -> d >= 0 && d <= 5000), delays::toString);
        assertTrue(!delays.get(0).equals(delays.get(1)), "each its own delay: " + delays);

        say(carol, "k1");
        say(alice, "m2");
        assertEquals(List.of(), texts(alice.transport()), "nothing past the hole before the close");
        assertEquals(List.of(), texts(bob.transport()));
        assertEquals(List.of(), alice.transport().closes(), "not closed before its delay");

        later.forEach(Runnable::run);
        Close interrupted = new Close(1001, "stream interrupted; resume with since");
        assertEquals(List.of(interrupted), alice.transport().closes());
        assertEquals(List.of(interrupted), bob.transport().closes());
        assertEquals(List.of(), carol.transport().closes(), "another room goes on");
        assertEquals(interrupted, Close.STREAM_INTERRUPTED);
    }

    @Test
    void aMemberWhoJoinsAfterTheLossHearsTheRoom() {
        Member alice = join("lobby", "alice");
        bus.lose("lobby");
        Member dave = join("lobby", "dave");
        say(dave, "after");
        assertEquals(List.of("after"), texts(dave.transport()));
        assertEquals(1, later.size(), "only the member present at the loss is closed");
        later.forEach(Runnable::run);
        assertEquals(List.of(Close.STREAM_INTERRUPTED), alice.transport().closes());
        assertEquals(List.of(), dave.transport().closes());
    }
}
