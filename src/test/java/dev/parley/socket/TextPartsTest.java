package dev.parley.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextPartsTest {

    @Test
    void aMessageInOnePartPassesThroughUncopied() {
        TextParts parts = new TextParts(10);
        String text = "hello";
        assertSame(text, parts.add(text, true));
    }

    @Test
    void partsAreJoinedWhenTheLastComes() {
        TextParts parts = new TextParts(10);
        assertNull(parts.add("abc", false));
        assertNull(parts.add("def", false));
        assertEquals("abcdefg", parts.add("g", true));
        assertEquals("next", parts.add("next", true), "the next message starts afresh");
    }

    @Test
    void aMessageOfExactlyTheMaximumIsWhole() {
        TextParts parts = new TextParts(6);
        assertNull(parts.add("abc", false));
        assertEquals("abcdef", parts.add("def", true));
    }

    @Test
    void aMessageGrowingPastTheMaximumIsHandedOnAtOnceJustPastItAndItsRestDropped() {
        TextParts parts = new TextParts(6);
        assertNull(parts.add("abcd", false));
        String cut = parts.add("efghij", false);
        assertEquals("abcdefg", cut, "one character past the maximum, before the last part came");
        assertNull(parts.add("more", false));
        assertNull(parts.add("end", true));
        assertEquals("ok", parts.add("ok", true), "the message after it is whole again");
    }

    @Test
    void aFirstPartPastTheMaximumIsHandedOnAndTheRestDropped() {
        TextParts parts = new TextParts(3);
        assertEquals("abcdef", parts.add("abcdef", false));
        assertNull(parts.add("ghi", true));
        assertEquals("x", parts.add("x", true));
    }
}
