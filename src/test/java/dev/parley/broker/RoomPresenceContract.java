package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.RoomBus.Entered;
import dev.parley.broker.RoomBus.Left;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A room's presence: names counted per connection, join on the first, leave on the last. */
public abstract class RoomPresenceContract extends BrokerContract {

    @Test
    public void theFirstConnectionOfANameEntersFirst() {
        assertEquals(new Entered("alice", true, 1), rooms.enter("lobby", "alice"));
        assertEquals(new Entered("alice", false, 1), rooms.enter("lobby", "alice"));
        assertEquals(new Entered("bob", true, 2), rooms.enter("lobby", "bob"));
        assertEquals(new Entered("alice", false, 2), rooms.enter("lobby", "alice"));
    }

    @Test
    public void onlyTheLastConnectionOfANameLeavesLast() {
        rooms.enter("lobby", "alice");
        rooms.enter("lobby", "alice");
        rooms.enter("lobby", "alice");
        rooms.enter("lobby", "bob");
        assertEquals(new Left(false, 2), rooms.leave("lobby", "alice"));
        assertEquals(new Left(false, 2), rooms.leave("lobby", "alice"));
        assertEquals(new Left(true, 2), rooms.leave("lobby", "alice"));
        assertEquals(new Left(true, 1), rooms.leave("lobby", "bob"));
        assertEquals(0, rooms.snapshot("lobby", null, 10).roster().count());
    }

    @Test
    public void leavingWithoutEnteringIsNotALastLeave() {
        rooms.enter("lobby", "alice");
        assertEquals(new Left(false, 1), rooms.leave("lobby", "bob"));
        assertEquals(new Roster(List.of("alice"), 1), rooms.snapshot("lobby", null, 10).roster());
    }

    @Test
    public void aNameCanEnterAgainAfterLeaving() {
        rooms.enter("lobby", "alice");
        rooms.leave("lobby", "alice");
        assertEquals(new Entered("alice", true, 1), rooms.enter("lobby", "alice"));
    }

    @Test
    public void namesAreCountedPerRoom() {
        rooms.enter("lobby", "alice");
        assertEquals(new Entered("alice", true, 1), rooms.enter("kitchen", "alice"));
        assertEquals(new Left(true, 1), rooms.leave("kitchen", "alice"));
        assertEquals(1, rooms.snapshot("lobby", null, 10).roster().count());
    }

    @Test
    public void rosterListsUpToTheLimitAndCountsEveryName() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            rooms.enter("lobby", name);
            rooms.enter("lobby", name); // a second connection is not a second member
        }
        Roster limited = rooms.snapshot("lobby", null, 2).roster();
        assertEquals(2, limited.names().size());
        assertTrue(Set.of("a", "b", "c", "d", "e").containsAll(limited.names()));
        assertEquals(5, limited.count());

        Roster all = rooms.snapshot("lobby", null, 500).roster();
        assertEquals(Set.of("a", "b", "c", "d", "e"), Set.copyOf(all.names()));
        assertEquals(5, all.names().size());
        assertEquals(5, all.count());
    }

    @Test
    public void rosterOfAnEmptyRoomIsEmpty() {
        assertEquals(new Roster(List.of(), 0), rooms.snapshot("nobody", null, 10).roster());
    }

    @Test
    public void activeRoomsAreTheRoomsWithMembersByNameWithTheirCounts() {
        rooms.enter("kitchen", "alice");
        rooms.enter("lobby", "alice");
        rooms.enter("lobby", "bob");
        rooms.enter("lobby", "bob");
        rooms.enter("attic", "carol");
        rooms.enter("empty", "dave");
        rooms.leave("empty", "dave");
        rooms.publish("quiet", "erin", "nobody is here", new Origin("c1", null));
        assertEquals(new RoomPage(List.of(new ActiveRoom("attic", 1), new ActiveRoom("kitchen", 1),
                new ActiveRoom("lobby", 2)), null), rooms.active(null, 10));
    }

    @Test
    public void activeRoomsComeInPagesAfterAName() {
        for (String room : List.of("e", "c", "a", "d", "b")) {
            rooms.enter(room, "alice");
        }
        RoomPage first = rooms.active(null, 2);
        assertEquals(List.of("a", "b"), first.rooms().stream().map(ActiveRoom::name).toList());
        assertEquals("b", first.next());
        RoomPage second = rooms.active(first.next(), 2);
        assertEquals(List.of("c", "d"), second.rooms().stream().map(ActiveRoom::name).toList());
        RoomPage last = rooms.active(second.next(), 2);
        assertEquals(new RoomPage(List.of(new ActiveRoom("e", 1)), null), last);
        assertEquals(new RoomPage(List.of(), null), rooms.active("e", 2));
        assertEquals(new RoomPage(List.of(new ActiveRoom("c", 1), new ActiveRoom("d", 1), new ActiveRoom("e", 1)),
                null), rooms.active("bb", 3), "after a name that is no room");
    }

    @Test
    public void noRoomIsActiveWhenNobodyIsIn() {
        assertEquals(new RoomPage(List.of(), null), rooms.active(null, 10));
    }
}
