package dev.parley.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.ForwardingUserBus;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Close;
import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.FakeTransport;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import dev.parley.connection.Interruption;
import dev.parley.hook.PublishHook;
import dev.parley.ops.Metrics;
import dev.parley.wire.Limits;
import dev.parley.wire.TextRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user whose stream the broker lost: its connections here get nothing more and are closed with 1001, each later. */
class UserInterruptionTest {
    private static final Limits LIMITS = new Limits(10, 8192, 512, 7, 9);
    private final Metrics metrics = new Metrics(new SimpleMeterRegistry());
    private final MemoryBroker broker = new MemoryBroker(3, 10, Duration.ofDays(1), Clock.systemUTC());
    private final LosingBus bus = new LosingBus(broker.users());
    private final Hub hub = Hubs.policy().hub(metrics);
    private final List<Runnable> later = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final Interruption interruption = new Interruption((task, millis) -> {
        later.add(task);
        delays.add(millis);
    }, bound -> bound - 1000L * later.size());
    private final Users users = new Users(bus, hub, new TextRule(10), metrics, LIMITS, PublishHook.NONE, interruption);

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private static final class LosingBus extends ForwardingUserBus {
        private final Map<String, Runnable> lost = new HashMap<>();

        LosingBus(UserBus delegate) {
            super(delegate);
        }

        void lose(String user) {
            lost.get(user).run();
        }

        @Override
        public Subscription subscribe(String user, Consumer<DirectMessage> listener, Runnable onLost) {
            lost.put(user, onLost);
            return subscribe(user, listener);
        }
    }

    private FakeTransport connect(String user) {
        FakeTransport transport = new FakeTransport();
        Connection connection = hub.open(transport, EndpointKind.USER, null, null);
        users.connect(connection, user, null);
        transport.take();
        return transport;
    }

    private static List<String> texts(FakeTransport transport) {
        return transport.take().stream().filter(f -> "message".equals(f.getString("type")))
                .map(f -> f.getString("text")).toList();
    }

    @Test
    void connectionsOfALostUserGetNothingMoreAndAreClosedWith1001EachAfterItsOwnDelay() {
        FakeTransport phone = connect("bob");
        FakeTransport laptop = connect("bob");
        FakeTransport carol = connect("carol");
        users.post("alice", "bob", "d1", null);
        assertEquals(List.of("d1"), texts(phone));
        assertEquals(List.of("d1"), texts(laptop));

        bus.lose("bob");
        assertEquals(2, later.size(), "one close per connection of the user");
        assertEquals(List.of(5000L, 4000L), delays, "each its own delay, up to 5 s");

        users.post("alice", "bob", "d2", null);
        users.post("alice", "carol", "c1", null);
        assertEquals(List.of(), texts(phone), "nothing past the hole before the close");
        assertEquals(List.of(), texts(laptop));
        assertEquals(List.of("c1"), texts(carol));
        assertTrue(broker.users().pending("bob").messages().stream().anyMatch(m -> m.text().equals("d2")),
                "what was held back stays pending for the resume");

        later.forEach(Runnable::run);
        assertEquals(List.of(Close.STREAM_INTERRUPTED), phone.closes());
        assertEquals(List.of(Close.STREAM_INTERRUPTED), laptop.closes());
        assertEquals(1001, Close.STREAM_INTERRUPTED.code());
        assertEquals(List.of(), carol.closes());
    }
}
