package dev.parley.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.ForwardingUserBus;
import dev.parley.broker.Replay;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Close;
import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.FakeTransport;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import dev.parley.connection.InboundGate;
import dev.parley.connection.Refused;
import dev.parley.hook.HookRequest;
import dev.parley.hook.HookVerdict;
import dev.parley.hook.PublishHook;
import dev.parley.ops.Metrics;
import dev.parley.testing.ClientFrames;
import dev.parley.wire.DataRule;
import dev.parley.wire.Inbound;
import dev.parley.wire.Limits;
import dev.parley.wire.TextRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsersTest {
    private static final Limits LIMITS = new Limits(10, 8192, 512, 7, 9);
    private final List<MemoryBroker> brokers = new ArrayList<>();
    private final Metrics metrics = new Metrics(new SimpleMeterRegistry());
    private final MemoryBroker broker = broker(2);
    private final Hub hub = Hubs.policy().hub(metrics);
    private final Users users = new Users(broker.users(), hub, new TextRule(10), metrics, LIMITS);

    private record Device(Connection connection, FakeTransport transport) {
    }

    @AfterEach
    void closeBrokers() {
        brokers.forEach(MemoryBroker::close);
    }

    private MemoryBroker broker(int inboxSize) {
        MemoryBroker b = new MemoryBroker(3, inboxSize, Duration.ofDays(1), Clock.systemUTC());
        brokers.add(b);
        return b;
    }

    private Device connect(String user, String since) {
        return connect(users, hub, user, since, new FakeTransport());
    }

    private static Device connect(Users users, Hub hub, String user, String since, FakeTransport transport) {
        Connection connection = hub.open(transport, EndpointKind.USER, null, null);
        users.connect(connection, user, since);
        return new Device(connection, transport);
    }

    private static JsonObject only(List<JsonObject> frames) {
        assertEquals(1, frames.size(), frames::toString);
        return frames.get(0);
    }

    private static List<String> texts(Replay<DirectMessage> replay) {
        return replay.messages().stream().map(DirectMessage::text).toList();
    }

    @Test
    void anInvalidUserIdIsRefusedWith4400() {
        FakeTransport transport = new FakeTransport();
        Connection c = hub.open(transport, EndpointKind.USER, null, null);
        Refused refused = assertThrows(Refused.class, () -> users.connect(c, "a\nb", null));
        assertSame(Close.INVALID_USER, refused.close());
        assertEquals(4400, refused.close().code());
        assertTrue(transport.texts().isEmpty());
        assertEquals(0, broker.topics());
    }

    @Test
    void aTokenForAnotherUserIsRefusedWith4401() {
        Connection c = hub.open(new FakeTransport(), EndpointKind.USER, null, "carol");
        Refused refused = assertThrows(Refused.class, () -> users.connect(c, "bob", null));
        assertSame(Close.OTHER_USER, refused.close());
        assertEquals(4401, refused.close().code());
        assertEquals(0, broker.topics());
    }

    @Test
    void theHooksVerdictDecidesADirectMessageAfterTheRules() {
        List<HookRequest> asked = new ArrayList<>();
        PublishHook hook = (request, then) -> {
            asked.add(request);
            then.accept(request.text().contains("darn") ? new HookVerdict.Refuse("bad_word", "no")
                    : new HookVerdict.Accept(request.text().toUpperCase(java.util.Locale.ROOT), null));
        };
        Users hooked = new Users(broker.users(), hub, new TextRule(10), metrics, LIMITS, hook);
        Device alice = connect(hooked, hub, "alice", null, new FakeTransport());
        alice.transport().take();

        hooked.receive(alice.connection(), new Inbound.Message("hi", null, "no\none", "r0"));
        assertEquals("bad_request", only(alice.transport().take()).getString("code"));
        assertTrue(asked.isEmpty(), "the rules come first");

        hooked.receive(alice.connection(), new Inbound.Message("darn", null, "bob", "r1"));
        JsonObject error = only(alice.transport().take());
        assertEquals("bad_word", error.getString("code"));
        assertEquals("r1", error.getString("ref"));
        assertEquals(HookRequest.direct("alice", "bob", "darn", null), asked.get(0));

        hooked.receive(alice.connection(), new Inbound.Message("psst", null, "bob", "r2"));
        assertEquals("r2", only(alice.transport().take()).getString("ref"));
        assertEquals(List.of("PSST"), texts(broker.users().pending("bob")), "only the accepted one, as changed");
    }

    @Test
    void storedThenDeliveredOnConnectWithThePendingCount() {
        Device alice = connect("alice", null);
        alice.transport().take();
        users.receive(alice.connection(), new Inbound.Message("one", null, "bob", "r1"));
        users.receive(alice.connection(), new Inbound.Message("two", null, "bob", "r2"));
        List<JsonObject> acks = alice.transport().take();
        assertEquals("ack", acks.get(0).getString("type"));
        assertEquals("stored", acks.get(0).getString("status"));
        assertEquals("r1", acks.get(0).getString("ref"));
        assertEquals("r2", acks.get(1).getString("ref"));

        List<JsonObject> bob = connect("bob", null).transport().take();
        assertEquals("welcome", bob.get(0).getString("type"));
        assertEquals(2, bob.get(0).getInt("pending"));
        assertFalse(bob.get(0).containsKey("recovered"));
        assertEquals("1.1", bob.get(0).getString("protocol"));
        JsonObject limits = bob.get(0).getJsonObject("limits");
        assertEquals(List.of(10, 8192, 512, 7, 9), List.of(limits.getInt("textMax"), limits.getInt("dataMax"),
                limits.getInt("frameMax"),
                limits.getInt("rateLimit"), limits.getInt("rateBurst")), "the limits the rules were given");
        assertEquals("one", bob.get(1).getString("text"));
        assertEquals("alice", bob.get(1).getString("from"));
        assertEquals("two", bob.get(2).getString("text"));
        assertEquals(acks.get(0).getString("id"), bob.get(1).getString("id"));
        assertEquals(List.of(), broker.users().pending("bob").messages(), "written, so delivered");
    }

    @Test
    void dataIsDeliveredLiveAndFromTheInboxAsSent() {
        JsonObject data = Json.createObjectBuilder().add("invoice", 42).add("paid", false).build();
        Device alice = connect("alice", null);
        alice.transport().take();
        users.receive(alice.connection(), new Inbound.Message(null, data, "bob", "s1"));
        assertEquals("stored", only(alice.transport().take()).getString("status"));
        List<JsonObject> bob = connect("bob", null).transport().take();
        assertEquals(1, bob.get(0).getInt("pending"));
        assertEquals(data, bob.get(1).getJsonObject("data"));
        assertFalse(bob.get(1).containsKey("text"));

        users.receive(alice.connection(), new Inbound.Message("see this", data, "bob", "s2"));
        assertEquals("delivered", only(alice.transport().take()).getString("status"));
    }

    @Test
    void dataOverItsLimitIsRefusedAndNothingIsStored() {
        Users small = new Users(broker.users(), hub, new TextRule(10, new DataRule(16)), metrics, LIMITS);
        Device alice = connect("alice", null);
        alice.transport().take();
        JsonObject over = Json.createObjectBuilder().add("s", "123456789").build();
        small.receive(alice.connection(), new Inbound.Message(null, over, "bob", "big"));
        JsonObject refused = only(alice.transport().take());
        assertEquals("data_too_large", refused.getString("code"));
        assertEquals("big", refused.getString("ref"));
        assertEquals(List.of(), broker.users().pending("bob").messages());
    }

    @Test
    void aMessageFrameThroughTheGateIsAcked() {
        InboundGate gate = new InboundGate(1000, metrics);
        Device alice = connect("alice", null);
        alice.transport().take();
        gate.frame(alice.connection(), ClientFrames.message("hi").ref("c1").to("bob").json(), users::receive);
        JsonObject ack = only(alice.transport().take());
        assertEquals("stored", ack.getString("status"));
        assertEquals("c1", ack.getString("ref"));
    }

    @Test
    void anOnlineReceiverGetsItOnEveryConnection() {
        Device alice = connect("alice", null);
        Device phone = connect("bob", null);
        Device laptop = connect("bob", null);
        alice.transport().take();
        phone.transport().take();
        laptop.transport().take();
        users.receive(alice.connection(), new Inbound.Message("hi", null, "bob", null));
        assertEquals("delivered", only(alice.transport().take()).getString("status"));
        assertEquals("hi", only(phone.transport().take()).getString("text"));
        assertEquals("hi", only(laptop.transport().take()).getString("text"));
    }

    @Test
    void aFullInboxRefusesWithInboxFull() {
        Device alice = connect("alice", null);
        alice.transport().take();
        for (String text : List.of("1", "2", "3")) {
            users.receive(alice.connection(), new Inbound.Message(text, null, "bob", text));
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
        users.receive(alice.connection(), new Inbound.Message("hi", null, null, "a"));
        users.receive(alice.connection(), new Inbound.Message("hi", null, "b".repeat(256), "b"));
        List<JsonObject> errors = alice.transport().take();
        assertEquals(List.of("a", "b"), errors.stream().map(e -> e.getString("ref")).toList());
        for (JsonObject error : errors) {
            assertEquals("bad_request", error.getString("code"));
        }
    }

    @Test
    void refusedTextGetsAnErrorAndIsNotStored() {
        Device alice = connect("alice", null);
        alice.transport().take();
        users.receive(alice.connection(), new Inbound.Message("eleven chars", null, "bob", "l"));
        JsonObject error = only(alice.transport().take());
        assertEquals("too_long", error.getString("code"));
        assertEquals("l", error.getString("ref"));
        assertEquals(List.of(), broker.users().pending("bob").messages());
    }

    @Test
    void closingTheLastConnectionMakesTheUserOfflineAgain() {
        Device bob = connect("bob", null);
        bob.connection().socketClosed(1000);
        Device alice = connect("alice", null);
        alice.transport().take();
        users.receive(alice.connection(), new Inbound.Message("hi", null, "bob", null));
        assertEquals("stored", only(alice.transport().take()).getString("status"));
    }

    @Test
    void sinceCatchesUpEveryRetainedMessageAfterIt() {
        Device bob = connect("bob", null);
        Device alice = connect("alice", null);
        users.receive(alice.connection(), new Inbound.Message("a", null, "bob", null));
        users.receive(alice.connection(), new Inbound.Message("b", null, "bob", null));
        String first = bob.transport().take().get(1).getString("id");
        List<JsonObject> laptop = connect("bob", first).transport().take();
        assertTrue(laptop.get(0).getBoolean("recovered"));
        assertEquals(1, laptop.get(0).getInt("pending"));
        assertEquals("b", laptop.get(1).getString("text"));
        assertFalse(laptop.get(1).containsKey("ref"));
        assertEquals(2, laptop.size());
    }

    @Test
    void aBrokerThatIsDownAnswersUnavailable() {
        Hub failingHub = Hubs.generous();
        Users failing = new Users(new FailingSend(broker.users()), failingHub, new TextRule(10), metrics, LIMITS);
        Device alice = connect(failing, failingHub, "alice", null, new FakeTransport());
        alice.transport().take();
        failing.receive(alice.connection(), new Inbound.Message("hi", null, "bob", "r"));
        JsonObject error = only(alice.transport().take());
        assertEquals("unavailable", error.getString("code"));
        assertEquals("r", error.getString("ref"));
    }

    @Test
    void pendingMessagesAreDeliveredOnlyOnceWritten() {
        OwnUsers bobOwed = bobOwed("m1", "m2");
        UserBus bus = bobOwed.bus();
        Hub ownHub = bobOwed.hub();
        Users own = bobOwed.users();

        FakeTransport phone = new FakeTransport().hold();
        Device bobPhone = connect(own, ownHub, "bob", null, phone);
        assertEquals(List.of("m1", "m2"), texts(bus.pending("bob")), "the welcome is being written");
        phone.completeNext();
        assertEquals(List.of("m1", "m2"), texts(bus.pending("bob")), "m1 is being written");
        phone.completeNext();
        assertEquals(List.of("m2"), texts(bus.pending("bob")), "m1 was written");

        bobPhone.connection().socketClosed(1006);
        assertEquals(List.of("m2"), texts(bus.pending("bob")), "m2 was never written");
        assertEquals(1, phone.heldCount(), "its write never completes");

        List<JsonObject> laptop = connect(own, ownHub, "bob", null, new FakeTransport()).transport().take();
        assertEquals(1, laptop.get(0).getInt("pending"));
        assertEquals("m2", laptop.get(1).getString("text"));
        assertEquals(List.of(), bus.pending("bob").messages());
    }

    @Test
    void whereTheContainerBuffersWritesAMessageIsDeliveredOnlyOnceTheClientHasReadIt() {
        OwnUsers bobOwed = bobOwed("m1", "m2");
        UserBus bus = bobOwed.bus();
        Hub ownHub = bobOwed.hub();
        Users own = bobOwed.users();

        FakeTransport phone = new FakeTransport().holdReads();
        Device bobPhone = connect(own, ownHub, "bob", null, phone);
        assertEquals(3, phone.sentCount(), "written to the container");
        assertEquals(List.of("m1", "m2"), texts(bus.pending("bob")), "not read yet");
        assertEquals(2, phone.confirmReads());
        assertEquals(List.of(), bus.pending("bob").messages());

        bus.send("alice", "bob", "m3");
        assertEquals(4, phone.sentCount());
        bobPhone.connection().socketClosed(1006);
        assertEquals(List.of("m3"), texts(bus.pending("bob")), "the client never read it");
    }

    @Test
    void aLiveMessageIsPendingUntilWrittenToAConnection() {
        UserBus bus = broker(10).users();
        Hub ownHub = Hubs.generous();
        Users own = new Users(bus, ownHub, new TextRule(10), metrics, LIMITS);
        FakeTransport phone = new FakeTransport().hold();
        Device bob = connect(own, ownHub, "bob", null, phone);
        phone.completeAll();
        Device alice = connect(own, ownHub, "alice", null, new FakeTransport());
        alice.transport().take();

        own.receive(alice.connection(), new Inbound.Message("live", null, "bob", "r"));
        assertEquals("delivered", only(alice.transport().take()).getString("status"), "bob was online");
        assertEquals(List.of("live"), texts(bus.pending("bob")), "not written yet");
        bob.connection().close(Close.GOING_AWAY, false);
        bob.connection().socketClosed(1006);
        assertEquals(List.of("live"), texts(bus.pending("bob")));
        assertEquals(1, connect(own, ownHub, "bob", null, new FakeTransport()).transport().take().get(0).getInt("pending"));
    }

    @Test
    void aThousandPendingMessagesAndALivePongDoNotOverflowAThousandFrameOutbox() {
        int n = 1000;
        UserBus bus = broker(n).users();
        Hub ownHub = Hubs.policy().outboxFrames(n).hub();
        Users own = new Users(bus, ownHub, new TextRule(10), metrics, LIMITS);
        for (int i = 1; i <= n; i++) {
            bus.send("alice", "bob", "m" + i);
        }
        FakeTransport phone = new FakeTransport().hold();
        Device bob = connect(own, ownHub, "bob", null, phone);
        new InboundGate(1000, metrics).frame(bob.connection(), ClientFrames.ping("p1").json(), own::receive);
        assertTrue(bob.connection().queued() <= 2, "the catch-up is taken as it is written, not queued");
        phone.completeAll();
        assertEquals(List.of(), phone.closes());
        List<JsonObject> frames = phone.frames();
        assertEquals(n + 2, frames.size());
        assertEquals(n, frames.get(0).getInt("pending"));
        for (int i = 1; i <= n; i++) {
            assertEquals("m" + i, frames.get(i).getString("text"));
        }
        JsonObject pong = frames.get(n + 1);
        assertEquals("pong", pong.getString("type"));
        assertEquals("p1", pong.getString("ref"));
        assertEquals(List.of(), bus.pending("bob").messages());
        assertEquals(1, phone.maxInFlight());
    }

    @Test
    void aNewConnectionIsRefusedWith1013WhileTheBrokerIsDown() {
        Hub ownHub = Hubs.generous();
        Users own = new Users(new Unavailable(), ownHub, new TextRule(10), metrics, LIMITS);
        FakeTransport transport = new FakeTransport();
        Connection c = ownHub.open(transport, EndpointKind.USER, null, null);
        Refused refused = assertThrows(Refused.class, () -> own.connect(c, "bob", null));
        assertSame(Close.BROKER_UNAVAILABLE, refused.close());
        assertEquals(1013, refused.close().code());
        assertTrue(transport.texts().isEmpty(), "no frame before the close");
        assertEquals(0, ownHub.groups(EndpointKind.USER));
    }

    @Test
    void aConnectionWhoseInboxCannotBeReadIsRefusedWith1013AndGoesOfflineAsItCloses() {
        UserBus bus = broker(10).users();
        Hub ownHub = Hubs.generous();
        Users own = new Users(new FailingPending(bus), ownHub, new TextRule(10), metrics, LIMITS);
        FakeTransport transport = new FakeTransport();
        Connection c = ownHub.open(transport, EndpointKind.USER, null, null);
        Refused refused = assertThrows(Refused.class, () -> own.connect(c, "bob", null));
        assertSame(Close.BROKER_UNAVAILABLE, refused.close());
        c.close(refused.close(), false); // as the socket layer does with a refusal
        assertEquals(0, ownHub.groups(EndpointKind.USER));
        assertFalse(bus.send("alice", "bob", "after").delivered(), "bob is offline again");
        assertEquals(List.of(1013), transport.closes().stream().map(Close::code).toList());
    }

    /** A user bus whose send fails as a broker that lost its store would. */
    private static final class FailingSend extends ForwardingUserBus {
        FailingSend(UserBus delegate) {
            super(delegate);
        }

        @Override
        public Sent send(String from, String to, String text, JsonObject data) {
            throw new BrokerUnavailableException("down", null);
        }
    }

    /** A user bus whose every call fails, as a broker whose store is away. */
    private static final class Unavailable implements UserBus {
        @Override
        public Subscription subscribe(String user, Consumer<DirectMessage> listener) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public void online(String user) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public void offline(String user) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public Sent send(String from, String to, String text, JsonObject data) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public void delivered(String user, long seq) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public Replay<DirectMessage> pending(String user) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public Replay<DirectMessage> catchUp(String user, String sinceId) {
            throw new BrokerUnavailableException("down", null);
        }
    }

    /** A user bus that goes away between subscribing and reading the inbox. */
    private static final class FailingPending extends ForwardingUserBus {
        FailingPending(UserBus delegate) {
            super(delegate);
        }

        @Override
        public Replay<DirectMessage> pending(String user) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public Replay<DirectMessage> catchUp(String user, String sinceId) {
            throw new BrokerUnavailableException("down", null);
        }
    }

    /** Users over a broker and hub of their own. */
    private record OwnUsers(UserBus bus, Hub hub, Users users) {
    }

    /** Own users where alice has sent bob {@code texts} while he was away. */
    private OwnUsers bobOwed(String... texts) {
        UserBus bus = broker(10).users();
        Hub ownHub = Hubs.generous();
        for (String text : texts) {
            bus.send("alice", "bob", text);
        }
        return new OwnUsers(bus, ownHub, new Users(bus, ownHub, new TextRule(10), metrics, LIMITS));
    }
}
