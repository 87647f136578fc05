package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Strings that cannot be sent on as UTF-8, and nesting at the limit. */
class HostileStringsTest {

    private static Inbound.Invalid invalid(String frame) {
        return assertInstanceOf(Inbound.Invalid.class, FrameCodec.decode(frame));
    }

    @Test
    void anUnpairedSurrogateInAnyFieldIsABadRequest() {
        assertEquals(ErrorCode.BAD_REQUEST, invalid("{\"text\":\"a\\ud800b\",\"ref\":\"r\"}").code());
        assertEquals("r", invalid("{\"text\":\"\\udc00\",\"ref\":\"r\"}").ref());
        assertEquals(ErrorCode.BAD_REQUEST, invalid("{\"text\":\"hi\",\"to\":\"\\ud83d\"}").code());
        assertEquals(ErrorCode.BAD_REQUEST, invalid("{\"type\":\"\\ud800\"}").code());
    }

    @Test
    void aRefThatIsNotValidUnicodeIsNotEchoed() {
        Inbound.Invalid refused = invalid("{\"text\":\"hi\",\"ref\":\"\\ud800\"}");
        assertEquals(ErrorCode.BAD_REQUEST, refused.code());
        assertNull(refused.ref());
    }

    @Test
    void aPairedSurrogateIsFine() {
        assertEquals("😀", ((Inbound.Message) FrameCodec.decode("{\"text\":\"\\ud83d\\ude00\"}")).text());
    }

    @Test
    void thirtyTwoLevelsAreAcceptedAndThirtyThreeRefused() {
        assertInstanceOf(Inbound.Message.class, FrameCodec.decode(nested(32)));
        assertEquals(ErrorCode.BAD_JSON, invalid(nested(33)).code());
    }

    /** A frame whose nesting, counting its own object, is {@code levels} deep. */
    private static String nested(int levels) {
        return "{\"text\":\"x\",\"a\":" + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "}";
    }
}
