package dev.parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.Origin;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.Subscription;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Connections;
import dev.parley.connection.RecordingTransport;
import dev.parley.wire.Inbound;
import dev.parley.wire.TextRule;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RoomsTest {
    private final MemoryBroker broker = new MemoryBroker(3, 10, Duration.ofDays(1), Clock.systemUTC());
    private final Connections connections = RecordingTransport.connections();
    private final Rooms rooms = new Rooms(broker.rooms(), new TextRule(10), 2);

    private record Member(RoomMember member, RecordingTransport transport) {
    }

    private Member join(String room, String name, String since) {
        RecordingTransport transport = new RecordingTransport();
        RoomMember member = rooms.join(room, name, since, connections.open(transport, "test", null, null));
        return new Member(member, transport);
    }

    private static JsonObject only(List<JsonObject> frames) {
        assertEquals(1, frames.size(), frames::toString);
        return frames.get(0);
    }

    @Test
    void anInvalidRoomOrNameClosesWith4400BeforeAnyFrame() {
        for (String[] bad : new String[][] {{"a b", "alice"}, {"lobby", "<b>"}, {"", "alice"}}) {
            Member m = join(bad[0], bad[1], null);
            assertNull(m.member());
            assertEquals(4400, m.transport().closeCode());
            assertTrue(m.transport().frames().isEmpty());
        }
        assertEquals(0, broker.topics(), "a refused join leaves nothing behind");
    }

    @Test
    void theWelcomeIsTheFirstFrame() {
        Member alice = join("lobby", "alice", null);
        JsonObject welcome = only(alice.transport().take());
        assertEquals("welcome", welcome.getString("type"));
        assertEquals("alice", welcome.getString("user"));
        assertEquals(1, welcome.getInt("memberCount"));
        assertFalse(welcome.containsKey("recovered"));
    }

    @Test
    void anEmptyNameGetsAGuestName() {
        assertEquals("guest-1", join("lobby", "", null).member().name());
        assertEquals("guest-2", join("lobby", null, null).member().name());
    }

    @Test
    void aMessageReachesEveryMemberAndTheRefOnlyItsSender() {
        Member alice = join("lobby", "alice", null);
        Member bob = join("lobby", "bob", null);
        alice.transport().take();
        bob.transport().take();
        alice.member().receive(new Inbound.Message("hi", null, "c1"));
        JsonObject own = only(alice.transport().take());
        JsonObject other = only(bob.transport().take());
        assertEquals("c1", own.getString("ref"));
        assertFalse(other.containsKey("ref"));
        assertEquals(own.getString("id"), other.getString("id"));
        assertEquals("alice", other.getString("from"));
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
        carol.member().leave();
        assertTrue(alice.transport().take().isEmpty(), "no leave while the room was over the limit");
        bob.member().leave();
        assertEquals("leave", only(alice.transport().take()).getString("type"));
    }

    @Test
    void refusedTextGetsAnErrorAndIsNotPublished() {
        Member alice = join("lobby", "alice", null);
        alice.transport().take();
        alice.member().receive(new Inbound.Message(" \t", null, "e"));
        alice.member().receive(new Inbound.Message("eleven chars", null, "l"));
        List<JsonObject> errors = alice.transport().take();
        assertEquals("empty", errors.get(0).getString("code"));
        assertEquals("e", errors.get(0).getString("ref"));
        assertEquals("too_long", errors.get(1).getString("code"));
        assertEquals(0, join("lobby", "bob", null).transport().take().get(0).getJsonArray("history").size());
    }

    @Test
    void pingIsAnsweredAndInvalidFramesAreReported() {
        Member alice = join("lobby", "alice", null);
        alice.transport().take();
        alice.member().receive(new Inbound.Ping("p"));
        alice.member().receive(new Inbound.Invalid(dev.parley.wire.ErrorCode.BAD_JSON, "no", null));
        List<JsonObject> frames = alice.transport().take();
        assertEquals("pong", frames.get(0).getString("type"));
        assertEquals("p", frames.get(0).getString("ref"));
        assertEquals("bad_json", frames.get(1).getString("code"));
    }

    @Test
    void resumeWelcomesWithWhatWasMissedAndDropsNothingNewer() {
        Member alice = join("lobby", "alice", null);
        alice.member().receive(new Inbound.Message("one", null, null));
        String firstId = alice.transport().take().get(1).getString("id");
        alice.member().receive(new Inbound.Message("two", null, null));
        Member again = join("lobby", "alice", firstId);
        JsonObject welcome = only(again.transport().take());
        assertTrue(welcome.getBoolean("recovered"));
        assertEquals(1, welcome.getJsonArray("history").size());
        assertEquals("two", welcome.getJsonArray("history").getJsonObject(0).getString("text"));
    }

    @Test
    void aBrokerThatIsDownAnswersUnavailable() {
        RoomBus down = new FailingPublish(broker.rooms());
        Rooms failing = new Rooms(down, new TextRule(10), 2);
        RecordingTransport transport = new RecordingTransport();
        RoomMember alice = failing.join("lobby", "alice", null, connections.open(transport, "test", null, null));
        transport.take();
        alice.receive(new Inbound.Message("hi", null, "r"));
        JsonObject error = only(transport.take());
        assertEquals("unavailable", error.getString("code"));
        assertEquals("r", error.getString("ref"));
    }

    /** A room bus whose publish fails as a broker that lost its store would. */
    private record FailingPublish(RoomBus delegate) implements RoomBus {
        @Override
        public Subscription subscribe(String room, Consumer<dev.parley.broker.RoomEvent> listener) {
            return delegate.subscribe(room, listener);
        }

        @Override
        public RoomMessage publish(String room, String from, String text, Origin origin) {
            throw new BrokerUnavailableException("down", null);
        }

        @Override
        public Entered enter(String room, String name) {
            return delegate.enter(room, name);
        }

        @Override
        public Left leave(String room, String name) {
            return delegate.leave(room, name);
        }

        @Override
        public RoomSnapshot snapshot(String room, String sinceId, int rosterLimit) {
            return delegate.snapshot(room, sinceId, rosterLimit);
        }
    }
}
