package dev.parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.ForwardingRoomBus;
import dev.parley.broker.Origin;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.Subscription;
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
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomsTest {
    private static final Limits LIMITS = new Limits(10, 8192, 512, 7, 9);
    private final MemoryBroker broker = new MemoryBroker(3, 10, Duration.ofDays(1), Clock.systemUTC());
    private final Hub hub = Hubs.generous();
    private final Rooms rooms = new Rooms(broker.rooms(), hub, new TextRule(10), 2, LIMITS);

    private record Member(Connection connection, FakeTransport transport) {
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private Member join(String room, String name, String since) {
        return join(rooms, hub, room, name, since);
    }

    private static Member join(Rooms rooms, Hub hub, String room, String name, String since) {
        FakeTransport transport = new FakeTransport();
        Connection connection = hub.open(transport, EndpointKind.ROOM, null, null);
        rooms.join(connection, room, name, since);
        return new Member(connection, transport);
    }

    private static JsonObject only(List<JsonObject> frames) {
        assertEquals(1, frames.size(), frames::toString);
        return frames.get(0);
    }

    private static List<String> texts(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getString("text")).toList();
    }

    @Test
    void anInvalidRoomOrNameIsRefusedWith4400BeforeAnyFrame() {
        for (String[] bad : new String[][] {{"a b", "alice"}, {"lobby", "<b>"}, {"", "alice"}}) {
            FakeTransport transport = new FakeTransport();
            Connection c = hub.open(transport, EndpointKind.ROOM, null, null);
            Refused refused = assertThrows(Refused.class, () -> rooms.join(c, bad[0], bad[1], null));
            assertSame(Close.INVALID_NAME, refused.close());
            assertEquals(4400, refused.close().code());
            assertTrue(transport.texts().isEmpty());
        }
        assertEquals(0, broker.topics(), "a refused join leaves nothing behind");
        assertEquals(0, hub.groups(EndpointKind.ROOM));
    }

    @Test
    void theWelcomeIsTheFirstFrame() {
        Member alice = join("lobby", "alice", null);
        JsonObject welcome = only(alice.transport().take());
        assertEquals("welcome", welcome.getString("type"));
        assertEquals("lobby", welcome.getString("room"));
        assertEquals("alice", welcome.getString("user"));
        assertEquals(1, welcome.getInt("memberCount"));
        assertFalse(welcome.containsKey("recovered"));
        assertEquals("1.1", welcome.getString("protocol"));
        JsonObject limits = welcome.getJsonObject("limits");
        assertEquals(List.of(10, 8192, 512, 7, 9), List.of(limits.getInt("textMax"), limits.getInt("dataMax"),
                limits.getInt("frameMax"),
                limits.getInt("rateLimit"), limits.getInt("rateBurst")), "the limits the rules were given");
        assertEquals("lobby", alice.connection().group());
        assertEquals("alice", alice.connection().name());
    }

    @Test
    void anEmptyNameGetsAGuestName() {
        assertEquals("guest-1", join("lobby", "", null).connection().name());
        assertEquals("guest-2", join("lobby", null, null).connection().name());
    }

    @Test
    void anAuthenticatedConnectionSpeaksUnderItsIdentity() {
        FakeTransport transport = new FakeTransport();
        Connection c = hub.open(transport, EndpointKind.ROOM, null, "carol");
        rooms.join(c, "lobby", "mallory", null);
        assertEquals("carol", c.name());
        assertEquals("carol", only(transport.take()).getString("user"));
    }

    @Test
    void dataReachesEveryMemberAsSentAndStaysInTheHistory() {
        JsonObject data = Json.createObjectBuilder().add("kind", "poll").add("options", Json.createArrayBuilder()
                .add("tea").add("coffee")).build();
        Member alice = join("lobby", "alice", null);
        Member bob = join("lobby", "bob", null);
        alice.transport().take();
        bob.transport().take();
        rooms.receive(alice.connection(), new Inbound.Message(null, data, null, "d1"));
        JsonObject own = only(alice.transport().take());
        JsonObject other = only(bob.transport().take());
        assertEquals(data, own.getJsonObject("data"));
        assertEquals(data, other.getJsonObject("data"));
        assertFalse(other.containsKey("text"), "a message of data only has no text");
        assertEquals("d1", own.getString("ref"));

        JsonObject welcome = only(join("lobby", "carol", null).transport().take());
        JsonObject kept = welcome.getJsonArray("history").getJsonObject(0);
        assertEquals(data, kept.getJsonObject("data"));
        assertEquals(own.getString("id"), kept.getString("id"));
    }

    @Test
    void dataOverItsLimitIsRefusedAndNothingIsPublished() {
        Rooms small = new Rooms(broker.rooms(), hub, new TextRule(10, new DataRule(16)), 2, LIMITS);
        Member alice = join(small, hub, "lobby", "alice", null);
        Member bob = join(small, hub, "lobby", "bob", null);
        alice.transport().take();
        bob.transport().take();
        JsonObject over = Json.createObjectBuilder().add("s", "123456789").build();
        small.receive(alice.connection(), new Inbound.Message("hi", over, null, "big"));
        JsonObject refused = only(alice.transport().take());
        assertEquals("data_too_large", refused.getString("code"));
        assertEquals("big", refused.getString("ref"));
        assertEquals(List.of(), bob.transport().take());
        assertEquals(List.of(), broker.rooms().snapshot("lobby", null, 10).history().messages());
    }

    @Test
    void aMessageReachesEveryMemberAndTheRefOnlyItsSender() {
        Member alice = join("lobby", "alice", null);
        Member bob = join("lobby", "bob", null);
        alice.transport().take();
        bob.transport().take();
        rooms.receive(alice.connection(), new Inbound.Message("hi", null, null, "c1"));
        JsonObject own = only(alice.transport().take());
        JsonObject other = only(bob.transport().take());
        assertEquals("c1", own.getString("ref"));
        assertFalse(other.containsKey("ref"));
        assertEquals(own.getString("id"), other.getString("id"));
        assertEquals("alice", other.getString("from"));
        assertEquals("lobby", other.getString("room"));
    }

    /** A publish hook that keeps each message until the test gives its verdict. */
    private static final class HeldHook implements PublishHook {
        private final List<HookRequest> requests = new ArrayList<>();
        private final List<Consumer<HookVerdict>> waiting = new ArrayList<>();

        @Override
        public void screen(HookRequest request, Consumer<HookVerdict> then) {
            requests.add(request);
            waiting.add(then);
        }

        void decide(int index, HookVerdict verdict) {
            waiting.get(index).accept(verdict);
        }
    }

    @Test
    void theHookGetsTheCheckedMessageAndItsVerdictDecides() {
        HeldHook hook = new HeldHook();
        Rooms hooked = new Rooms(broker.rooms(), hub, new TextRule(10), 2, LIMITS, hook);
        Member alice = join(hooked, hub, "lobby", "alice", null);
        Member bob = join(hooked, hub, "lobby", "bob", null);
        alice.transport().take();
        bob.transport().take();

        hooked.receive(alice.connection(), new Inbound.Message(" ", null, null, "c0"));
        assertEquals("empty", only(alice.transport().take()).getString("code"));
        assertTrue(hook.requests.isEmpty(), "the text rule comes first");

        hooked.receive(alice.connection(), new Inbound.Message("darn", null, null, "c1"));
        hooked.receive(alice.connection(), new Inbound.Message("hello", null, null, "c2"));
        assertEquals(HookRequest.room("lobby", "alice", "darn", null), hook.requests.get(0));
        assertTrue(alice.transport().take().isEmpty(), "nothing before the verdict");

        hook.decide(0, new HookVerdict.Refuse("bad_word", "no"));
        JsonObject error = only(alice.transport().take());
        assertEquals("bad_word", error.getString("code"));
        assertEquals("c1", error.getString("ref"));
        assertTrue(bob.transport().take().isEmpty());

        hook.decide(1, new HookVerdict.Accept("HELLO", null));
        assertEquals("HELLO", only(bob.transport().take()).getString("text"));
        assertEquals("c2", only(alice.transport().take()).getString("ref"));
    }

    @Test
    void aMessageTheHookAcceptsIsPublishedEvenIfItsSenderHasGone() {
        HeldHook hook = new HeldHook();
        Rooms hooked = new Rooms(broker.rooms(), hub, new TextRule(10), 2, LIMITS, hook);
        Member alice = join(hooked, hub, "lobby", "alice", null);
        Member bob = join(hooked, hub, "lobby", "bob", null);
        bob.transport().take();
        hooked.receive(alice.connection(), new Inbound.Message("bye", null, null, "c1"));
        alice.connection().socketClosed(1000);
        bob.transport().take();

        hook.decide(0, new HookVerdict.Accept("bye", null));
        JsonObject message = only(bob.transport().take());
        assertEquals("bye", message.getString("text"));
        assertEquals("alice", message.getString("from"));
    }

    @Test
    void aMessageFrameThroughTheGateReachesTheRoom() {
        InboundGate gate = new InboundGate(1000, new Metrics(new SimpleMeterRegistry()));
        Member alice = join("lobby", "alice", null);
        Member bob = join("lobby", "bob", null);
        alice.transport().take();
        bob.transport().take();
        gate.frame(alice.connection(), ClientFrames.message("hi \"bob\"").ref("c1").json(), rooms::receive);
        assertEquals("hi \"bob\"", only(bob.transport().take()).getString("text"));
        assertEquals("c1", only(alice.transport().take()).getString("ref"));
    }

    @Test
    void presenceGoesToOthersOnlyAndStopsPastTheLimit() {
        Member alice = join("lobby", "alice", null);
        Member bob = join("lobby", "bob", null);
        assertEquals("join", only(alice.transport().take().subList(1, 2)).getString("type"));
        assertEquals(1, bob.transport().take().size(), "bob gets his welcome, not his own join");
        Member carol = join("lobby", "carol", null);
        assertTrue(alice.transport().take().isEmpty(), "three members are past the limit of two");
        JsonObject welcome = only(carol.transport().take());
        assertEquals(2, welcome.getJsonArray("members").size());
        assertEquals(3, welcome.getInt("memberCount"));
        carol.connection().socketClosed(1000);
        assertTrue(alice.transport().take().isEmpty(), "no leave while the room was over the limit");
        bob.connection().socketClosed(1000);
        JsonObject leave = only(alice.transport().take());
        assertEquals("leave", leave.getString("type"));
        assertEquals("bob", leave.getString("user"));
    }

    @Test
    void aSecondConnectionUnderTheSameNameIsNoNewPresence() {
        Member alice = join("lobby", "alice", null);
        Member bob = join("lobby", "bob", null);
        alice.transport().take();
        Member bobAgain = join("lobby", "bob", null);
        assertTrue(alice.transport().take().isEmpty());
        bob.connection().close(Close.GOING_AWAY, true);
        assertTrue(alice.transport().take().isEmpty(), "bob is still there on his other connection");
        bobAgain.connection().close(Close.GOING_AWAY, true);
        assertEquals("leave", only(alice.transport().take()).getString("type"));
    }

    @Test
    void refusedTextGetsAnErrorAndIsNotPublished() {
        Member alice = join("lobby", "alice", null);
        alice.transport().take();
        rooms.receive(alice.connection(), new Inbound.Message(" \t", null, null, "e"));
        rooms.receive(alice.connection(), new Inbound.Message("eleven chars", null, null, "l"));
        List<JsonObject> errors = alice.transport().take();
        assertEquals(2, errors.size());
        assertEquals("empty", errors.get(0).getString("code"));
        assertEquals("e", errors.get(0).getString("ref"));
        assertEquals("too_long", errors.get(1).getString("code"));
        assertEquals("l", errors.get(1).getString("ref"));
        assertEquals(0, join("lobby", "bob", null).transport().take().get(0).getJsonArray("history").size());
    }

    @Test
    void resumeWelcomesWithWhatWasMissedAndDropsNothingNewer() {
        Member alice = join("lobby", "alice", null);
        rooms.receive(alice.connection(), new Inbound.Message("one", null, null, null));
        String firstId = alice.transport().take().get(1).getString("id");
        rooms.receive(alice.connection(), new Inbound.Message("two", null, null, null));
        Member again = join("lobby", "alice", firstId);
        JsonObject welcome = only(again.transport().take());
        assertTrue(welcome.getBoolean("recovered"));
        assertEquals(List.of("two"), texts(welcome.getJsonArray("history")));

        rooms.receive(alice.connection(), new Inbound.Message("three", null, null, null));
        assertEquals("three", only(again.transport().take()).getString("text"), "live after the welcome");
    }

    @Test
    void whatTheWelcomeCoveredIsNotRepeatedWhenItsLiveDeliveryArrivesLate() {
        DeferredRoomBus deferred = new DeferredRoomBus(broker.rooms());
        Hub lateHub = Hubs.generous();
        Rooms late = new Rooms(deferred, lateHub, new TextRule(10), 10, LIMITS);
        Member alice = join(late, lateHub, "lobby", "alice", null);
        deferred.deliver();
        alice.transport().take();

        late.receive(alice.connection(), new Inbound.Message("m1", null, null, null));
        Member carol = join(late, lateHub, "lobby", "carol", null);
        JsonObject welcome = only(carol.transport().take());
        assertEquals(List.of("m1"), texts(welcome.getJsonArray("history")));

        deferred.deliver();
        assertTrue(carol.transport().take().isEmpty(), "m1 was in the welcome: its late delivery is dropped");
        List<JsonObject> toAlice = alice.transport().take();
        assertEquals(List.of("message", "join"), toAlice.stream().map(f -> f.getString("type")).toList());

        late.receive(alice.connection(), new Inbound.Message("m2", null, null, null));
        deferred.deliver();
        assertEquals("m2", only(carol.transport().take()).getString("text"));
    }

    @Test
    void aWelcomeWhoseHistoryExceedsHalfTheOutboxKeepsTheNewestMessages() {
        long outboxBytes = 8_000;
        MemoryBroker big = new MemoryBroker(100, 10, Duration.ofDays(1), Clock.systemUTC());
        try {
            Hub smallOutbox = Hubs.policy().outboxBytes(outboxBytes).hub();
            Rooms roomy = new Rooms(big.rooms(), smallOutbox, new TextRule(1000), 10, LIMITS);
            Member alice = join(roomy, smallOutbox, "lobby", "alice", null);
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 60; i++) {
                String text = String.format("%03d", i) + "x".repeat(97);
                sent.add(text);
                roomy.receive(alice.connection(), new Inbound.Message(text, null, null, null));
            }
            String firstId = alice.transport().frames().get(1).getString("id");

            Member fresh = join(roomy, smallOutbox, "lobby", "bob", null);
            String freshText = fresh.transport().texts().get(0);
            JsonObject freshWelcome = only(fresh.transport().take());
            assertTrue(freshText.getBytes(StandardCharsets.UTF_8).length <= outboxBytes / 2);
            List<String> kept = texts(freshWelcome.getJsonArray("history"));
            assertFalse(kept.isEmpty());
            assertTrue(kept.size() < sent.size());
            assertEquals(sent.subList(sent.size() - kept.size(), sent.size()), kept, "the newest, in order");
            assertFalse(freshWelcome.containsKey("recovered"), "no since was asked for");

            Member resumed = join(roomy, smallOutbox, "lobby", "carol", firstId);
            String resumedText = resumed.transport().texts().get(0);
            JsonObject resumedWelcome = only(resumed.transport().take());
            assertTrue(resumedText.getBytes(StandardCharsets.UTF_8).length <= outboxBytes / 2);
            List<String> resumedKept = texts(resumedWelcome.getJsonArray("history"));
            assertTrue(resumedKept.size() < sent.size() - 1);
            assertEquals(sent.subList(sent.size() - resumedKept.size(), sent.size()), resumedKept);
            assertFalse(resumedWelcome.getBoolean("recovered"), "some of what was missed is not in it");
            assertEquals(List.of(), resumed.transport().closes(), "the welcome fits the outbox");
        } finally {
            big.close();
        }
    }

    @Test
    void aBrokerThatIsDownAnswersUnavailable() {
        Hub failingHub = Hubs.generous();
        Rooms failing = new Rooms(new FailingPublish(broker.rooms()), failingHub, new TextRule(10), 2, LIMITS);
        Member alice = join(failing, failingHub, "lobby", "alice", null);
        alice.transport().take();
        failing.receive(alice.connection(), new Inbound.Message("hi", null, null, "r"));
        JsonObject error = only(alice.transport().take());
        assertEquals("unavailable", error.getString("code"));
        assertEquals("r", error.getString("ref"));
    }

    @Test
    void aConnectionThatEndsWhileJoiningLeavesTheRoomAgain() {
        Member alice = join("lobby", "alice", null);
        alice.transport().take();
        FakeTransport transport = new FakeTransport();
        Connection gone = hub.open(transport, EndpointKind.ROOM, null, null);
        gone.socketClosed(1006);
        rooms.join(gone, "lobby", "bob", null);
        List<String> types = alice.transport().take().stream().map(f -> f.getString("type")).toList();
        assertEquals(List.of("join", "leave"), types, "bob was entered, then left at once");
        assertTrue(transport.texts().isEmpty());
        JsonObject welcome = only(join("lobby", "carol", null).transport().take());
        assertEquals(List.of("alice", "carol"), welcome.getJsonArray("members").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList(), "bob is not a member");
    }

    @Test
    void aNewMemberIsRefusedWith1013WhileTheBrokerIsDown() {
        Hub failingHub = Hubs.generous();
        Rooms failing = new Rooms(new Unavailable(broker.rooms()), failingHub, new TextRule(10), 2, LIMITS);
        FakeTransport transport = new FakeTransport();
        Connection c = failingHub.open(transport, EndpointKind.ROOM, null, null);
        Refused refused = assertThrows(Refused.class, () -> failing.join(c, "lobby", "alice", null));
        assertSame(Close.BROKER_UNAVAILABLE, refused.close());
        assertEquals(1013, refused.close().code());
        assertTrue(transport.texts().isEmpty(), "no frame before the close");
        assertEquals(0, failingHub.groups(EndpointKind.ROOM));
    }

    @Test
    void aMemberEnteredButNotSubscribedIsRefusedWith1013AndLeavesAgain() {
        Hub failingHub = Hubs.generous();
        Rooms failing = new Rooms(new FailingSubscribe(broker.rooms()), failingHub, new TextRule(10), 2, LIMITS);
        Connection c = failingHub.open(new FakeTransport(), EndpointKind.ROOM, null, null);
        Refused refused = assertThrows(Refused.class, () -> failing.join(c, "lobby", "alice", null));
        assertSame(Close.BROKER_UNAVAILABLE, refused.close());
        assertEquals(0, failingHub.groups(EndpointKind.ROOM), "no group kept for a refused member");
        assertEquals(0, broker.rooms().snapshot("lobby", null, 10).roster().count(), "alice left again");
    }

    @Test
    void aMemberWhoseWelcomeCannotBeReadIsRefusedWith1013AndLeavesAsItCloses() {
        Hub failingHub = Hubs.generous();
        Rooms failing = new Rooms(new FailingSnapshot(broker.rooms()), failingHub, new TextRule(10), 2, LIMITS);
        FakeTransport transport = new FakeTransport();
        Connection c = failingHub.open(transport, EndpointKind.ROOM, null, null);
        Refused refused = assertThrows(Refused.class, () -> failing.join(c, "lobby", "alice", null));
        assertSame(Close.BROKER_UNAVAILABLE, refused.close());
        c.close(refused.close(), false); // as the socket layer does with a refusal
        assertEquals(0, broker.rooms().snapshot("lobby", null, 10).roster().count(), "alice left");
        assertEquals(0, failingHub.groups(EndpointKind.ROOM));
        assertEquals(List.of(1013), transport.closes().stream().map(Close::code).toList());
    }

    /** A room bus whose deliveries wait until the test lets them through, as a busy broker's would. */
    private static final class DeferredRoomBus extends ForwardingRoomBus {
        private final List<Runnable> waiting = new ArrayList<>();

        DeferredRoomBus(RoomBus delegate) {
            super(delegate);
        }

        void deliver() {
            List<Runnable> now = List.copyOf(waiting);
            waiting.clear();
            now.forEach(Runnable::run);
        }

        @Override
        public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
            return super.subscribe(room, event -> waiting.add(() -> listener.accept(event)));
        }
    }

    /** A room bus whose publish fails as a broker that lost its store would. */
    private static final class FailingPublish extends ForwardingRoomBus {
        FailingPublish(RoomBus delegate) {
            super(delegate);
        }

        @Override
        public RoomMessage publish(String room, String from, String text, JsonObject data, Origin origin) {
            throw new BrokerUnavailableException("down", null);
        }
    }

    /** A room bus whose every call fails, as a broker whose store is away. */
    private static final class Unavailable extends ForwardingRoomBus {
        Unavailable(RoomBus delegate) {
            super(delegate);
        }

        @Override
        public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public Entered enter(String room, String name) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public Left leave(String room, String name) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public RoomSnapshot snapshot(String room, String sinceId, int rosterLimit) {
            throw new BrokerUnavailableException("down", null);
        }
    }

    /** A room bus that enters a name but cannot subscribe, as when only the pub/sub connection is away. */
    private static final class FailingSubscribe extends ForwardingRoomBus {
        FailingSubscribe(RoomBus delegate) {
            super(delegate);
        }

        @Override
        public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
            throw new BrokerUnavailableException("down", null);
        }
    }

    /** A room bus that goes away between entering a name and reading its welcome. */
    private static final class FailingSnapshot extends ForwardingRoomBus {
        FailingSnapshot(RoomBus delegate) {
            super(delegate);
        }

        @Override
        public RoomSnapshot snapshot(String room, String sinceId, int rosterLimit) {
            throw new BrokerUnavailableException("down", null);
        }
    }
}
