package dev.parley.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomGrantsTest {

    @Test
    void exactNamesAndPrefixPatterns() {
        RoomGrants grants = new RoomGrants(List.of("lobby", "team-*"), List.of("team-red"));
        assertTrue(grants.mayJoin("lobby"));
        assertTrue(grants.mayJoin("team-red"));
        assertTrue(grants.mayJoin("team-"));
        assertFalse(grants.mayJoin("team"));
        assertFalse(grants.mayJoin("lobby2"));
        assertTrue(grants.mayPublish("team-red"));
        assertFalse(grants.mayPublish("team-blue"));
        assertFalse(grants.mayPublish("lobby"));
        assertTrue(RoomGrants.ALL.mayJoin("anything") && RoomGrants.ALL.mayPublish("anything"));
        assertFalse(new RoomGrants(List.of(), List.of()).mayJoin("lobby"));
    }
}
