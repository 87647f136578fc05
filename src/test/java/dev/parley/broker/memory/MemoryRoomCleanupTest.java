package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.Origin;
import dev.parley.broker.RoomBus;
import dev.parley.broker.Subscription;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryRoomCleanupTest {
    private final MemoryBroker broker = new MemoryBroker(10, 10, Duration.ofDays(30), new MutableClock());
    private final RoomBus rooms = broker.rooms();

    @Test
    void aRoomEnteredAndLeftWithNoMessageLeavesNothingBehind() {
        rooms.enter("lobby", "alice");
        rooms.enter("lobby", "alice");
        String guest = rooms.enter("lobby", null).name();
        assertEquals(1, broker.topics());
        rooms.leave("lobby", "alice");
        rooms.leave("lobby", guest);
        assertEquals(1, broker.topics(), "alice still has a connection");
        rooms.leave("lobby", "alice");
        assertEquals(0, broker.topics());
    }

    @Test
    void aSubscriptionClosedWithNoMessageLeavesNothingBehind() {
        Subscription subscription = rooms.subscribe("lobby", e -> { });
        rooms.enter("lobby", "alice");
        rooms.leave("lobby", "alice");
        assertEquals(1, broker.topics());
        subscription.close();
        assertEquals(0, broker.topics());
    }

    @Test
    void lookingAtAnUnknownRoomLeavesNothingBehind() {
        rooms.snapshot("ghost", null, 10).roster();
        rooms.snapshot("ghost", null, Integer.MAX_VALUE).history();
        rooms.snapshot("ghost", "x-1", Integer.MAX_VALUE).history();
        rooms.leave("ghost", "nobody");
        assertEquals(0, broker.topics());
    }

    @Test
    void aRoomWithMessagesKeepsItsHistory() {
        rooms.enter("lobby", "alice");
        rooms.publish("lobby", "alice", "hi", new Origin("c1", null));
        rooms.leave("lobby", "alice");
        assertEquals(1, broker.topics());
        assertEquals(1, rooms.snapshot("lobby", null, Integer.MAX_VALUE).history().messages().size());
    }

    @Test
    void manyEntersAndLeavesLeaveNothingBehind() {
        for (int i = 0; i < 1_000; i++) {
            String room = "room" + (i % 7);
            String name = rooms.enter(room, i % 3 == 0 ? null : "user" + i).name();
            rooms.leave(room, name);
        }
        assertEquals(0, broker.topics());
    }
}
