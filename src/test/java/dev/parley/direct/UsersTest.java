package dev.parley.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.Replay;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Connections;
import dev.parley.connection.RecordingTransport;
import dev.parley.ops.Metrics;
import dev.parley.wire.Inbound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.parley.wire.TextRule;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class UsersTest {
    private final MemoryBroker broker = new MemoryBroker(3, 2, Duration.ofDays(1), Clock.systemUTC());
    private final Connections connections = RecordingTransport.connections();
    private final Users users = new Users(broker.users(), new TextRule(10), new Metrics(new SimpleMeterRegistry()));

    private record Device(UserConnection connection, RecordingTransport transport) {
    }

    private Device connect(String user, String since) {
        RecordingTransport transport = new RecordingTransport();
        return new Device(users.connect(user, since, connections.open(transport, "test", null, null)), transport);
    }

    private static JsonObject only(List<JsonObject> frames) {
        assertEquals(1, frames.size(), frames::toString);
        return frames.get(0);
    }

    @Test
    void anInvalidUserNameClosesWith4400() {
        Device d = connect("a b", null);
        assertNull(d.connection());
        assertEquals(4400, d.transport().closeCode());
        assertEquals(0, broker.topics());
    }

    @Test
    void storedThenDeliveredOnConnectWithThePendingCount() {
        Device alice = connect("alice", null);
        alice.transport().take();
        alice.connection().receive(new Inbound.Message("one", "bob", "r1"));
        alice.connection().receive(new Inbound.Message("two", "bob", "r2"));
        List<JsonObject> acks = alice.transport().take();
        assertEquals("stored", acks.get(0).getString("status"));
        assertEquals("r2", acks.get(1).getString("ref"));

        List<JsonObject> bob = connect("bob", null).transport().take();
        assertEquals(2, bob.get(0).getInt("pending"));
        assertEquals("one", bob.get(1).getString("text"));
        assertEquals("two", bob.get(2).getString("text"));
        assertEquals(acks.get(0).getString("id"), bob.get(1).getString("id"));
    }

    @Test
    void anOnlineReceiverMakesItDeliveredOnEveryConnection() {
        Device alice = connect("alice", null);
        Device phone = connect("bob", null);
        Device laptop = connect("bob", null);
        alice.transport().take();
        phone.transport().take();
        laptop.transport().take();
        alice.connection().receive(new Inbound.Message("hi", "bob", null));
        assertEquals("delivered", only(alice.transport().take()).getString("status"));
        assertEquals("hi", only(phone.transport().take()).getString("text"));
        assertEquals("hi", only(laptop.transport().take()).getString("text"));
    }

    @Test
    void aFullInboxRefusesWithInboxFull() {
        Device alice = connect("alice", null);
        alice.transport().take();
        for (String text : List.of("1", "2", "3")) {
            alice.connection().receive(new Inbound.Message(text, "bob", text));
        }
        List<JsonObject> answers = alice.transport().take();
        assertEquals("inbox_full", answers.get(2).getString("code"));
        assertEquals("3", answers.get(2).getString("ref"));
        assertEquals(2, connect("bob", null).transport().take().get(0).getInt("pending"));
    }

    @Test
    void aMissingOrInvalidToIsABadRequest() {
        Device alice = connect("alice", null);
        alice.transport().take();
        alice.connection().receive(new Inbound.Message("hi", null, "a"));
        alice.connection().receive(new Inbound.Message("hi", "<b>", "b"));
        for (JsonObject error : alice.transport().take()) {
            assertEquals("bad_request", error.getString("code"));
        }
    }

    @Test
    void closingTheLastConnectionMakesTheUserOfflineAgain() {
        Device bob = connect("bob", null);
        bob.connection().leave();
        Device alice = connect("alice", null);
        alice.transport().take();
        alice.connection().receive(new Inbound.Message("hi", "bob", null));
        assertEquals("stored", only(alice.transport().take()).getString("status"));
    }

    @Test
    void sinceCatchesUpEveryRetainedMessageAfterIt() {
        Device bob = connect("bob", null);
        Device alice = connect("alice", null);
        alice.connection().receive(new Inbound.Message("a", "bob", null));
        alice.connection().receive(new Inbound.Message("b", "bob", null));
        String first = bob.transport().take().get(1).getString("id");
        List<JsonObject> laptop = connect("bob", first).transport().take();
        assertTrue(laptop.get(0).getBoolean("recovered"));
        assertEquals(1, laptop.get(0).getInt("pending"));
        assertEquals("b", laptop.get(1).getString("text"));
        assertFalse(laptop.get(1).containsKey("ref"));
    }

    @Test
    void aBrokerThatIsDownAnswersUnavailable() {
        Users failing = new Users(new FailingSend(broker.users()), new TextRule(10), new Metrics(new SimpleMeterRegistry()));
        RecordingTransport transport = new RecordingTransport();
        UserConnection alice = failing.connect("alice", null, connections.open(transport, "test", null, null));
        transport.take();
        alice.receive(new Inbound.Message("hi", "bob", "r"));
        JsonObject error = only(transport.take());
        assertEquals("unavailable", error.getString("code"));
        assertEquals("r", error.getString("ref"));
    }

    /** A user bus whose send fails as a broker that lost its store would. */
    private record FailingSend(UserBus delegate) implements UserBus {
        @Override
        public Subscription subscribe(String user, Consumer<DirectMessage> listener) {
            return delegate.subscribe(user, listener);
        }

        @Override
        public void online(String user) {
            delegate.online(user);
        }

        @Override
        public void offline(String user) {
            delegate.offline(user);
        }

        @Override
        public Sent send(String from, String to, String text) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public Replay<DirectMessage> takePending(String user) {
            return delegate.takePending(user);
        }

        @Override
        public Replay<DirectMessage> catchUp(String user, String sinceId) {
            return delegate.catchUp(user, sinceId);
        }
    }
}
