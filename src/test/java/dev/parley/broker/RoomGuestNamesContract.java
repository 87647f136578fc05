package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.RoomBus.Entered;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Guest names: unique among a room's members, numbered per room. */
public abstract class RoomGuestNamesContract extends BrokerContract {

    @Test
    public void guestsAreNumberedFromOne() {
        assertEquals(new Entered("guest-1", true, 1), rooms.enter("lobby", null));
        assertEquals(new Entered("guest-2", true, 2), rooms.enter("lobby", null));
        assertEquals(new Entered("guest-3", true, 3), rooms.enter("lobby", null));
    }

    @Test
    public void aGuestNameSkipsANameAMemberChose() {
        rooms.enter("lobby", "guest-1");
        rooms.enter("lobby", "guest-3");
        assertEquals("guest-2", rooms.enter("lobby", null).name());
        Entered next = rooms.enter("lobby", null);
        assertEquals("guest-4", next.name());
        assertTrue(next.first());
        assertEquals(4, rooms.snapshot("lobby", null, 10).roster().count());
    }

    @Test
    public void guestNamesAreUniqueAmongTheMembers() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Entered entered = rooms.enter("lobby", null);
            assertTrue(entered.first(), entered.name());
            assertTrue(names.add(entered.name()), entered.name());
        }
        assertEquals(200, rooms.snapshot("lobby", null, 1000).roster().count());
    }

    @Test
    public void aGuestNameIsNotReusedWhileItsHolderIsPresent() {
        rooms.enter("lobby", "alice"); // keeps the room alive
        String first = rooms.enter("lobby", null).name();
        String second = rooms.enter("lobby", null).name();
        rooms.leave("lobby", first);
        String third = rooms.enter("lobby", null).name();
        assertNotEquals(second, third);
    }

    @Test
    public void eachRoomNumbersItsOwnGuests() {
        assertEquals("guest-1", rooms.enter("lobby", null).name());
        assertEquals("guest-1", rooms.enter("kitchen", null).name());
    }
}
