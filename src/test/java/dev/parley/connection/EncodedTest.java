package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.parley.wire.FrameCodec;
import dev.parley.wire.PongFrame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
        assertEquals("test", outside.type());
        assertNull(outside.accepted());
        assertSame(Encoded.NOTHING, outside.written());
        assertEquals(42, new Encoded("x", 1, 42, "test", null, Encoded.NOTHING).seq());
    }

    @Test
    void aServerFrameIsEncodedOnceWithItsTypeSizeAndPosition() {
        PongFrame pong = PongFrame.of("李");
        Instant accepted = Instant.parse("2025-03-01T10:00:00Z");
        Runnable written = () -> { };
        Encoded encoded = Encoded.of(pong, 7, accepted, written);
        assertEquals(FrameCodec.encode(pong), encoded.text());
        assertEquals(encoded.text().getBytes(StandardCharsets.UTF_8).length, encoded.bytes());
        assertEquals("pong", encoded.type());
        assertEquals(7, encoded.seq());
        assertEquals(accepted, encoded.accepted());
        assertSame(written, encoded.written());

        Encoded outside = Encoded.of(pong);
        assertEquals(0, outside.seq());
        assertNull(outside.accepted());
        assertSame(Encoded.NOTHING, outside.written());
        assertSame(Encoded.NOTHING, Encoded.of(pong, 3, accepted).written());
    }
}
