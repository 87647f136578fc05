package dev.parley.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodedTest {

    private static void assertUtf8Bytes(int expected, String text) {
        assertEquals(expected, text.getBytes(StandardCharsets.UTF_8).length, "the JDK's own count");
        assertEquals(expected, Encoded.raw(text, "test").bytes(), text);
    }

    @Test
    void countsAsciiAsOneByteEach() {
        assertUtf8Bytes(0, "");
        assertUtf8Bytes(5, "hello");
        assertUtf8Bytes(16, "{\"type\":\"pong\"}\u007f");
    }

    @Test
    void countsTwoByteCharacters() {
        assertUtf8Bytes(2, "é");
        assertUtf8Bytes(2, "\u0080");
        assertUtf8Bytes(2, "\u07ff");
        assertUtf8Bytes(4, "Яя");
    }

    @Test
    void countsThreeByteCharacters() {
        assertUtf8Bytes(3, "\u0800");
        assertUtf8Bytes(6, "李雷");
        assertUtf8Bytes(3, "€");
        assertUtf8Bytes(3, "\uffff");
    }

    @Test
    void countsASurrogatePairAsFourBytes() {
        assertUtf8Bytes(4, "😀");
        assertUtf8Bytes(4, new String(Character.toChars(0x1D49C)));
        assertUtf8Bytes(4, new String(Character.toChars(0x10FFFF)));
    }

    @Test
    void countsMixedText() {
        assertUtf8Bytes(1 + 2 + 3 + 4, "aé李😀");
    }

    @Test
    void carriesTheTextAndItsStreamPosition() {
        Encoded outside = Encoded.raw("x", "test");
        assertEquals("x", outside.text());
        assertEquals(0, outside.seq());
        assertEquals(42, new Encoded("x", Encoded.raw("x", "test").bytes(), 42, "test", null).seq());
    }
}
