package dev.parley.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextPartsTest {
    private final List<String> handedOn = new ArrayList<>();

    private List<String> add(TextParts parts, String part, boolean last) {
        handedOn.clear();
        parts.add(part, last, handedOn::add);
        return List.copyOf(handedOn);
    }

    @Test
    void aMessageInOnePartPassesThroughUncopied() {
        TextParts parts = new TextParts(10);
        String text = "hello";
        assertSame(text, add(parts, text, true).get(0));
    }

    @Test
    void partsAreJoinedWhenTheLastComes() {
        TextParts parts = new TextParts(10);
        assertEquals(List.of(), add(parts, "abc", false));
        assertEquals(List.of(), add(parts, "def", false));
        assertEquals(List.of("abcdefg"), add(parts, "g", true));
        assertEquals(List.of("next"), add(parts, "next", true), "the next message starts afresh");
    }

    @Test
    void aMessageOfExactlyTheMaximumIsWhole() {
        TextParts parts = new TextParts(6);
        assertEquals(List.of(), add(parts, "abc", false));
        assertEquals(List.of("abcdef"), add(parts, "def", true));
    }

    @Test
    void aMessageGrowingPastTheMaximumIsHandedOnAtOnceJustPastItAndItsRestDropped() {
        TextParts parts = new TextParts(6);
        assertEquals(List.of(), add(parts, "abcd", false));
        assertEquals(List.of("abcdefg"), add(parts, "efghij", false),
                "one character past the maximum, before the last part came");
        assertEquals(List.of(), add(parts, "more", false));
        assertEquals(List.of(), add(parts, "end", true));
        assertEquals(List.of("ok"), add(parts, "ok", true), "the message after it is whole again");
    }

    @Test
    void aFirstPartPastTheMaximumIsHandedOnAndTheRestDropped() {
        TextParts parts = new TextParts(3);
        assertEquals(List.of("abcdef"), add(parts, "abcdef", false));
        assertEquals(List.of(), add(parts, "ghi", true));
        assertEquals(List.of("x"), add(parts, "x", true));
    }
}
