package dev.parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.access.Identity;
import dev.parley.access.RoomGrants;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Close;
import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.FakeTransport;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import dev.parley.connection.Refused;
import dev.parley.wire.Inbound;
import dev.parley.wire.Limits;
import dev.parley.wire.TextRule;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomPermissionsTest {
    private static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");
    private final MemoryBroker broker = new MemoryBroker(3, 10, Duration.ofDays(1), Clock.systemUTC());
    private final Hub hub = Hubs.generous();
    private final Rooms rooms = new Rooms(broker.rooms(), hub, new TextRule(100), 10,
            new Limits(100, 8192, 512, 7, 9));

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private Connection open(FakeTransport transport, Identity identity) {
        return hub.openProven(transport, EndpointKind.ROOM, null, identity);
    }

    private static Identity user(String name, List<String> join, List<String> publish) {
        return new Identity(name, name, EXP, new RoomGrants(join, publish));
    }

    @Test
    void aRoomOutsideTheGrantsIs4403AndAPatternMatchesItsPrefix() {
        Identity teams = user("alice", List.of("lobby", "team-*"), List.of());
        Refused refused = assertThrows(Refused.class, () -> rooms.join(open(new FakeTransport(), teams), "secret",
                null, null));
        assertSame(Close.NOT_ALLOWED, refused.close());
        assertEquals(4403, refused.close().code());
        assertThrows(Refused.class, () -> rooms.join(open(new FakeTransport(), teams), "team", null, null));
        FakeTransport red = new FakeTransport();
        rooms.join(open(red, teams), "team-red", null, null);
        JsonObject welcome = red.frames().get(0);
        assertEquals("team-red", welcome.getString("room"));
        assertEquals(EXP.getEpochSecond(), welcome.getJsonNumber("exp").longValue());
    }

    @Test
    void aReadOnlyMemberIsAnsweredForbiddenAndNothingIsPublished() {
        FakeTransport reader = new FakeTransport();
        Connection c = open(reader, user("bob", List.of("news"), List.of()));
        rooms.join(c, "news", null, null);
        reader.take();
        rooms.receive(c, new Inbound.Message("hi", null, null, "r1"));
        List<JsonObject> frames = reader.take();
        assertEquals(1, frames.size(), frames::toString);
        assertEquals("forbidden", frames.get(0).getString("code"));
        assertEquals("r1", frames.get(0).getString("ref"));
        assertTrue(rooms.look("news", null).history().messages().isEmpty(), "nothing was published");
    }

    @Test
    void aTokenWithoutAValidDisplayNameCannotJoinARoom() {
        Identity opaque = new Identity("auth0|abc", null, EXP, RoomGrants.ALL);
        Refused refused = assertThrows(Refused.class, () -> rooms.join(open(new FakeTransport(), opaque), "lobby",
                "given", null));
        assertSame(Close.NO_DISPLAY_NAME, refused.close());
    }
}
