package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void anIdIsNewOnceAndTheLastNewOneIsWhereToResume() {
        SeenIds seen = new SeenIds(100, null);
        assertNull(seen.last());
        assertTrue(seen.firstTime("m-1"));
        assertTrue(seen.firstTime("m-2"));
        assertFalse(seen.firstTime("m-1"));
        assertEquals("m-2", seen.last(), "a repeated id does not move the resume point back");
    }

    @Test
    void startsFromTheSinceItWasGiven() {
        SeenIds seen = new SeenIds(100, "m-5");
        assertEquals("m-5", seen.last());
        assertTrue(seen.firstTime("m-6"));
        assertEquals("m-6", seen.last());
    }

    @Test
    void remembersTheNewestIdsOnly() {
        SeenIds seen = new SeenIds(2, null);
        seen.firstTime("a");
        seen.firstTime("b");
        seen.firstTime("c");
        assertFalse(seen.firstTime("c"));
        assertFalse(seen.firstTime("b"));
        assertTrue(seen.firstTime("a"), "the oldest was forgotten");
    }
}
