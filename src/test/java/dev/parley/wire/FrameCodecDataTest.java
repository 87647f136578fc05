package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A message's {@code data}: read as a JSON object on the way in, written back as sent on the way out. */
class FrameCodecDataTest {
    private static final String TS = "2025-01-02T03:04:05.678Z";

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Inbound.Message message(String frame) {
        return assertInstanceOf(Inbound.Message.class, FrameCodec.decode(frame), frame);
    }

    private static Inbound.Invalid invalid(String frame) {
        return assertInstanceOf(Inbound.Invalid.class, FrameCodec.decode(frame), frame);
    }

    @Test
    void decodesDataBesideText() {
        Inbound.Message m = message("{\"type\":\"message\",\"text\":\"hi\",\"data\":{\"kind\":\"card\",\"n\":2},"
                + "\"ref\":\"c1\"}");
        assertEquals(new Inbound.Message("hi", json("{\"kind\":\"card\",\"n\":2}"), null, "c1"), m);
    }

    @Test
    void dataAloneIsAMessage() {
        assertEquals(new Inbound.Message(null, json("{\"a\":1}"), "bob", "d1"),
                message("{\"to\":\"bob\",\"data\":{\"a\":1},\"ref\":\"d1\"}"));
    }

    @Test
    void dataKeepsEveryKindOfValue() {
        String data = "{\"s\":\"李 😀 \\\"q\\\"\",\"i\":12345678901234567890,\"d\":0.10,\"e\":1.5E+300,\"t\":true,"
                + "\"f\":false,\"z\":null,\"a\":[1,\"x\",[],{}],\"o\":{\"p\":{\"q\":[null]}},\"empty\":{}}";
        Inbound.Message m = message("{\"data\":" + data + "}");
        assertEquals(json(data), m.data());
        assertEquals("0.10", m.data().getJsonNumber("d").toString(), "a number keeps its digits");
        assertEquals("12345678901234567890", m.data().getJsonNumber("i").toString());
    }

    @Test
    void nullDataIsAbsent() {
        assertEquals(new Inbound.Message("hi", null, null, null), message("{\"text\":\"hi\",\"data\":null}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"x\"", "1", "true", "[]", "[{\"a\":1}]", "\"{}\""})
    void dataThatIsNotAnObjectIsABadRequestThatEchoesTheRef(String data) {
        Inbound.Invalid refused = invalid("{\"text\":\"hi\",\"data\":" + data + ",\"ref\":\"r9\"}");
        assertEquals(ErrorCode.BAD_REQUEST, refused.code());
        assertEquals("r9", refused.ref());
        assertEquals("data must be a JSON object of valid Unicode", refused.message());
    }

    @Test
    void dataWithAnUnpairedSurrogateIsABadRequest() {
        assertEquals(ErrorCode.BAD_REQUEST, invalid("{\"data\":{\"a\":\"\\ud800\"}}").code());
        assertEquals(ErrorCode.BAD_REQUEST, invalid("{\"data\":{\"\\udc00\":1}}").code());
        assertEquals(ErrorCode.BAD_REQUEST, invalid("{\"data\":{\"a\":[\"\\ud800x\"]}}").code());
    }

    @Test
    void aNumberBeyondAJavaDecimalIsABadRequest() {
        assertEquals(ErrorCode.BAD_REQUEST, invalid("{\"data\":{\"n\":1e99999999999}}").code());
    }

    @Test
    void neitherTextNorDataIsABadRequest() {
        Inbound.Invalid refused = invalid("{\"type\":\"message\",\"ref\":\"n1\"}");
        assertEquals(ErrorCode.BAD_REQUEST, refused.code());
        assertEquals("a message needs text or data", refused.message());
        assertEquals("n1", refused.ref());
        assertEquals(ErrorCode.BAD_REQUEST, invalid("{\"text\":null,\"data\":null}").code());
    }

    @Test
    void dataNestedToTheFrameLimitIsAcceptedAndDeeperIsBadJson() {
        // the frame is level 1 and data level 2: 30 more levels fit
        int inside = InboundReader.MAX_DEPTH - 2;
        String fits = "{\"data\":{\"x\":" + "[".repeat(inside) + "]".repeat(inside) + "}}";
        assertEquals(inside, depth(message(fits).data().getJsonArray("x")));
        String deeper = "{\"data\":{\"x\":" + "[".repeat(inside + 1) + "]".repeat(inside + 1) + "}}";
        assertEquals(ErrorCode.BAD_JSON, invalid(deeper).code());
        String objects = "{\"data\":" + "{\"y\":".repeat(inside + 2) + "1" + "}".repeat(inside + 2) + "}";
        assertEquals(ErrorCode.BAD_JSON, invalid(objects).code());
    }

    private static int depth(jakarta.json.JsonArray array) {
        return array.isEmpty() ? 1 : 1 + depth(array.getJsonArray(0));
    }

    @Test
    void aMessageFrameCarriesDataAfterText() {
        JsonObject data = json("{\"kind\":\"card\",\"n\":[1,2.50]}");
        assertEquals("{\"type\":\"message\",\"id\":\"e-1\",\"room\":\"lobby\",\"from\":\"alice\",\"text\":\"hi\","
                        + "\"data\":{\"kind\":\"card\",\"n\":[1,2.50]},\"ts\":\"" + TS + "\",\"ref\":\"c1\"}",
                FrameCodec.encode(MessageFrame.room("e-1", "lobby", "alice", "hi", data, TS, "c1")));
    }

    @Test
    void aMessageOfDataOnlyHasNoText() {
        JsonObject frame = json(FrameCodec.encode(MessageFrame.direct("e-2", "alice", "bob", null,
                json("{\"a\":{}}"), TS)));
        assertNull(frame.get("text"));
        assertEquals(json("{\"a\":{}}"), frame.getJsonObject("data"));
    }

    @Test
    void dataDecodedThenEncodedIsTheSameJson() {
        String data = "{\"s\":\"a\\nb\",\"n\":-0.0,\"big\":1E+400,\"l\":[true,null,{\"k\":\"v\"}]}";
        JsonObject decoded = message("{\"data\":" + data + "}").data();
        JsonObject frame = json(FrameCodec.encode(MessageFrame.room("e-1", "r", "a", null, decoded, TS, null)));
        assertEquals(json(data), frame.getJsonObject("data"));
    }
}
