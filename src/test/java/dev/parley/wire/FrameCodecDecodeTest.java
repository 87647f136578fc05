package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameCodecDecodeTest {
    /** A guard against a hang, not a performance bound. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private static void assertInvalid(ErrorCode code, String json) {
        Inbound frame = FrameCodec.decode(json);
        Inbound.Invalid invalid = assertInstanceOf(Inbound.Invalid.class, frame, () -> "decoding " + abbreviate(json));
        assertEquals(code, invalid.code(), () -> "decoding " + abbreviate(json));
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    @Test
    void decodesAMessageWithType() {
        assertEquals(new Inbound.Message("hi", null, null, "c1"),
                FrameCodec.decode("{\"type\":\"message\",\"text\":\"hi\",\"ref\":\"c1\"}"));
    }

    @Test
    void decodesAMessageWithoutType() {
        assertEquals(new Inbound.Message("hi", null, null, null), FrameCodec.decode("{\"text\":\"hi\"}"));
    }

    @Test
    void decodesADirectMessage() {
        assertEquals(new Inbound.Message("hi", null, "bob", "c1"),
                FrameCodec.decode("{\"type\":\"message\",\"to\":\"bob\",\"text\":\"hi\",\"ref\":\"c1\"}"));
    }

    @Test
    void keepsTextExactlyAsSent() {
        assertEquals(new Inbound.Message("  a \"q\"\n\t😀 李 \u0000 ", null, null, null),
                FrameCodec.decode("{\"text\":\"  a \\\"q\\\"\\n\\t\\ud83d\\ude00 李 \\u0000 \"}"));
    }

    @Test
    void decodesAPing() {
        assertEquals(new Inbound.Ping("p1"), FrameCodec.decode("{\"type\":\"ping\",\"ref\":\"p1\"}"));
        assertEquals(new Inbound.Ping(null), FrameCodec.decode("{\"type\":\"ping\"}"));
    }

    @Test
    void acceptsWhitespaceAroundTheObject() {
        assertEquals(new Inbound.Message("hi", null, null, null), FrameCodec.decode(" \n{ \"text\" : \"hi\" }\n "));
    }

    @Test
    void unknownTypeIsABadRequestThatEchoesTheRef() {
        Inbound frame = FrameCodec.decode("{\"type\":\"shout\",\"text\":\"hi\",\"ref\":\"c1\"}");
        Inbound.Invalid invalid = assertInstanceOf(Inbound.Invalid.class, frame);
        assertEquals(ErrorCode.BAD_REQUEST, invalid.code());
        assertEquals("c1", invalid.ref());
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"type\":\"\",\"text\":\"hi\"}");
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"type\":\"Message\",\"text\":\"hi\"}");
    }

    @Test
    void missingTextIsABadRequest() {
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"type\":\"message\"}");
        assertInvalid(ErrorCode.BAD_REQUEST, "{}");
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"to\":\"bob\",\"ref\":\"c1\"}");
        assertEquals("c1", ((Inbound.Invalid) FrameCodec.decode("{\"ref\":\"c1\"}")).ref());
    }

    @Test
    void nonStringKnownFieldsAreBadRequests() {
        for (String field : new String[] {"text", "to", "ref", "type"}) {
            for (String value : new String[] {"1", "-2.5", "true", "false", "{}", "[]", "{\"a\":\"b\"}", "[\"x\"]"}) {
                String json = "{\"text\":\"hi\",\"" + field + "\":" + value + "}";
                if (field.equals("text")) {
                    json = "{\"text\":" + value + "}";
                }
                assertInvalid(ErrorCode.BAD_REQUEST, json);
            }
        }
    }

    @Test
    void aBadRequestForAWrongFieldStillEchoesTheRef() {
        Inbound.Invalid invalid = assertInstanceOf(Inbound.Invalid.class,
                FrameCodec.decode("{\"text\":5,\"ref\":\"c7\"}"));
        assertEquals(ErrorCode.BAD_REQUEST, invalid.code());
        assertEquals("c7", invalid.ref());
    }

    @Test
    void nullFieldsAreTreatedAsAbsent() {
        assertEquals(new Inbound.Message("hi", null, null, null),
                FrameCodec.decode("{\"type\":null,\"text\":\"hi\",\"to\":null,\"ref\":null}"));
        assertEquals(new Inbound.Ping(null), FrameCodec.decode("{\"type\":\"ping\",\"ref\":null}"));
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"text\":null}");
    }

    @Test
    void refOfSixtyFourCharsIsAcceptedAndSixtyFiveIsABadRequest() {
        String ref64 = "r".repeat(64);
        assertEquals(new Inbound.Message("hi", null, null, ref64),
                FrameCodec.decode("{\"text\":\"hi\",\"ref\":\"" + ref64 + "\"}"));
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"text\":\"hi\",\"ref\":\"" + "r".repeat(65) + "\"}");
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"type\":\"ping\",\"ref\":\"" + "r".repeat(1000) + "\"}");
    }

    @Test
    void unknownFieldsAreIgnoredIncludingNestedOnes() {
        assertEquals(new Inbound.Message("hi", null, null, "c1"), FrameCodec.decode(
                "{\"v\":1,\"text\":\"hi\",\"extra\":{\"text\":5,\"ref\":[1,{\"type\":\"ping\"}]},"
                        + "\"list\":[1,\"a\",null,true,{\"b\":[[]]}],\"flag\":false,\"nothing\":null,\"ref\":\"c1\"}"));
        assertEquals(new Inbound.Ping(null), FrameCodec.decode("{\"type\":\"ping\",\"meta\":{\"a\":{\"b\":{}}}}"));
    }

    @Test
    void anythingButAnObjectIsBadJson() {
        for (String json : new String[] {"[]", "[{\"text\":\"hi\"}]", "\"hi\"", "42", "-1.5e3", "true", "null",
                "", "   ", "hi"}) {
            assertInvalid(ErrorCode.BAD_JSON, json);
        }
    }

    @Test
    void truncatedJsonIsBadJson() {
        for (String json : new String[] {"{", "{\"", "{\"text\"", "{\"text\":", "{\"text\":\"a", "{\"text\":\"a\"",
                "{\"text\":\"a\",", "{\"x\":[1,2", "{\"x\":{\"y\":", "{\"text\":\"a\",\"x\":[[[{"}) {
            assertInvalid(ErrorCode.BAD_JSON, json);
        }
    }

    @Test
    void trailingGarbageIsBadJson() {
        assertInvalid(ErrorCode.BAD_JSON, "{\"text\":\"a\"} x");
        assertInvalid(ErrorCode.BAD_JSON, "{\"text\":\"a\"}{\"text\":\"b\"}");
        assertInvalid(ErrorCode.BAD_JSON, "{\"text\":\"a\"}}");
        assertInvalid(ErrorCode.BAD_JSON, "{\"text\":\"a\"},");
        assertInvalid(ErrorCode.BAD_JSON, "{\"text\":\"a\"} 1");
    }

    @Test
    void invalidJsonIsBadJson() {
        for (String json : new String[] {"{text:\"a\"}", "{\"text\":'a'}", "{\"text\" \"a\"}", "{\"text\":\"a\",}",
                "{\"text\":\"a\" \"ref\":\"b\"}", "{\"text\":tru}", "{\"x\":01,\"text\":\"a\"}",
                "{\"text\":\"a\\q\"}", "{,}"}) {
            assertInvalid(ErrorCode.BAD_JSON, json);
        }
    }

    @Test
    void nestingAtTheLimitIsAccepted() {
        int depth = InboundReader.MAX_DEPTH - 1; // inside the frame's own object, which is level 1
        String json = "{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"text\":\"a\"}";
        assertEquals(new Inbound.Message("a", null, null, null), FrameCodec.decode(json));
    }

    @Test
    void nestingDeeperThanTheLimitIsBadJson() {
        int depth = InboundReader.MAX_DEPTH;
        assertInvalid(ErrorCode.BAD_JSON, "{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"text\":\"a\"}");
        assertInvalid(ErrorCode.BAD_JSON, "{\"text\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        assertInvalid(ErrorCode.BAD_JSON, "{\"x\":" + "{\"y\":".repeat(depth) + "1" + "}".repeat(depth) + ",\"text\":\"a\"}");
    }

    @Test
    void veryDeepNestingReturnsPromptlyAsBadJson() {
        int depth = 1_000_000;
        String closed = "{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"text\":\"a\"}";
        String unterminated = "{\"x\":" + "[".repeat(depth);
        String objects = "{\"x\":" + "{\"a\":".repeat(depth);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertInvalid(ErrorCode.BAD_JSON, closed);
            assertInvalid(ErrorCode.BAD_JSON, unterminated);
            assertInvalid(ErrorCode.BAD_JSON, objects);
        });
    }

    @Test
    void aHugeNumberInAnUnknownFieldIsIgnored() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertEquals(new Inbound.Message("a", null, null, null),
                    FrameCodec.decode("{\"n\":1e999999999,\"text\":\"a\"}"));
            assertEquals(new Inbound.Message("a", null, null, null),
                    FrameCodec.decode("{\"n\":" + "9".repeat(100_000) + ",\"text\":\"a\"}"));
            assertEquals(new Inbound.Message("a", null, null, null),
                    FrameCodec.decode("{\"n\":[-1e-999999999," + "1".repeat(50_000) + ".5],\"text\":\"a\"}"));
        });
    }

    @Test
    void aHugeNumberInAKnownFieldIsABadRequest() {
        assertTimeoutPreemptively(HANG_GUARD,
                () -> assertInvalid(ErrorCode.BAD_REQUEST, "{\"text\":1e999999999}"));
    }

    @Test
    void anAuthFrameCarriesItsToken() {
        assertEquals(new Inbound.Auth("a.b.c"), FrameCodec.decode("{\"type\":\"auth\",\"token\":\"a.b.c\"}"));
        assertEquals("auth", FrameCodec.decode("{\"type\":\"auth\",\"token\":\"a.b.c\"}").kind());
    }

    @Test
    void anAuthFrameWithoutATokenIsABadRequest() {
        Inbound frame = FrameCodec.decode("{\"type\":\"auth\"}");
        assertEquals(ErrorCode.BAD_REQUEST, assertInstanceOf(Inbound.Invalid.class, frame).code());
        assertInstanceOf(Inbound.Invalid.class, FrameCodec.decode("{\"type\":\"auth\",\"token\":7}"));
    }

    @Test
    void aTokenFrameCarriesItsTokenAndRef() {
        Inbound frame = FrameCodec.decode("{\"type\":\"token\",\"token\":\"a.b.c\",\"ref\":\"t1\"}");
        assertEquals(new Inbound.Token("a.b.c", "t1"), frame);
        assertEquals("token", frame.kind());
        assertEquals(false, frame.toString().contains("a.b.c"), "a token is never printed");
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"type\":\"token\"}");
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"type\":\"token\",\"token\":\"\"}");
        assertInvalid(ErrorCode.BAD_REQUEST, "{\"type\":\"token\",\"token\":7}");
    }

    @Test
    void theTokenAnswerAndTheWelcomeCarryExpInEpochSeconds() {
        assertEquals("{\"type\":\"token\",\"exp\":1767225600}",
                FrameCodec.encode(TokenFrame.accepted(java.time.Instant.parse("2026-01-01T00:00:00Z"))));
        String welcome = FrameCodec.encode(WelcomeFrame.user("alice", 0, null, null)
                .expiring(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals(true, welcome.endsWith(",\"exp\":1767225600}"), welcome);
    }
}
