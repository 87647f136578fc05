package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameCodecEncodeTest {
    private static final String TS = "2025-01-02T03:04:05.678Z";
    private static final Limits LIMITS = new Limits(4000, 8192, 65_536, 20, 40);

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonObject encodeAndParse(ServerFrame frame) {
        String json = FrameCodec.encode(frame);
        assertTrue(json.startsWith("{\"type\":\"" + frame.type() + "\""), () -> "type first: " + json);
        assertFalse(json.contains("null"), () -> "no null in " + json);
        return parse(json);
    }

    @Test
    void typeComesFirstInEveryFrame() {
        List<ServerFrame> frames = List.of(
                WelcomeFrame.room("lobby", "alice", List.of("alice"), 1, List.of(), null, LIMITS),
                WelcomeFrame.user("alice", 0, null, LIMITS),
                MessageFrame.room("e-1", "lobby", "alice", "hi", null, TS, "c1"),
                MessageFrame.direct("e-1", "alice", "bob", "hi", null, TS),
                PresenceFrame.join("lobby", "bob", TS),
                PresenceFrame.leave("lobby", "bob", TS),
                AckFrame.delivered("c1", "e-1"),
                AckFrame.stored("c1", "e-1"),
                ErrorFrame.of(ErrorCode.BAD_JSON, "a frame must be one JSON object", "c1"),
                PongFrame.of("p1"));
        for (ServerFrame frame : frames) {
            String json = FrameCodec.encode(frame);
            assertTrue(json.startsWith("{\"type\":\"" + frame.type() + "\","), json);
        }
    }

    @Test
    void nullComponentsAreAbsent() {
        JsonObject pong = encodeAndParse(PongFrame.of(null));
        assertEquals(Set.of("type"), pong.keySet());
        JsonObject error = encodeAndParse(ErrorFrame.of(ErrorCode.EMPTY, "text is blank", null));
        assertEquals(Set.of("type", "code", "message"), error.keySet());
        JsonObject message = encodeAndParse(MessageFrame.room("e-1", "lobby", "alice", "hi", null, TS, null));
        assertFalse(message.containsKey("ref"));
        assertFalse(message.containsKey("to"));
    }

    @Test
    void roomWelcomeHasTheProtocolShape() {
        MessageFrame old = MessageFrame.room("e-1", "lobby", "bob", "earlier", null, TS, null);
        JsonObject welcome = encodeAndParse(
                WelcomeFrame.room("lobby", "alice", List.of("alice", "bob"), 2, List.of(old), true, LIMITS));
        assertEquals(Set.of("type", "protocol", "room", "user", "members", "memberCount", "history", "recovered", "limits"),
                welcome.keySet());
        assertEquals("welcome", welcome.getString("type"));
        assertEquals("lobby", welcome.getString("room"));
        assertEquals("alice", welcome.getString("user"));
        assertEquals(List.of("alice", "bob"), welcome.getJsonArray("members").getValuesAs(JsonString::getString));
        assertEquals(2, welcome.getInt("memberCount"));
        assertEquals(JsonValue.TRUE, welcome.get("recovered"));
        JsonArray history = welcome.getJsonArray("history");
        assertEquals(1, history.size());
        JsonObject first = history.getJsonObject(0);
        assertEquals(Set.of("type", "id", "room", "from", "text", "ts"), first.keySet());
        assertEquals("earlier", first.getString("text"));
    }

    @Test
    void roomWelcomeWithoutSinceHasNoRecoveredAndKeepsEmptyLists() {
        JsonObject welcome = encodeAndParse(WelcomeFrame.room("lobby", "alice", List.of(), 0, List.of(), null, LIMITS));
        assertEquals(Set.of("type", "protocol", "room", "user", "members", "memberCount", "history", "limits"),
                welcome.keySet());
        assertTrue(welcome.getJsonArray("members").isEmpty());
        assertTrue(welcome.getJsonArray("history").isEmpty());
        assertEquals(0, welcome.getInt("memberCount"));
        assertEquals(JsonValue.FALSE,
                encodeAndParse(WelcomeFrame.room("r", "a", List.of("a"), 1, List.of(), false, LIMITS)).get("recovered"));
    }

    @Test
    void userWelcomeHasTheProtocolShape() {
        assertEquals("{\"type\":\"welcome\",\"protocol\":\"1.1\",\"user\":\"alice\",\"pending\":3,"
                        + "\"limits\":{\"textMax\":4000,\"dataMax\":8192,\"frameMax\":65536,\"rateLimit\":20,\"rateBurst\":40}}",
                FrameCodec.encode(WelcomeFrame.user("alice", 3, null, LIMITS)));
        JsonObject recovered = encodeAndParse(WelcomeFrame.user("alice", 0, false, LIMITS));
        assertEquals(Set.of("type", "protocol", "user", "pending", "recovered", "limits"), recovered.keySet());
        assertEquals(0, recovered.getInt("pending"));
        assertEquals(JsonValue.FALSE, recovered.get("recovered"));
    }

    @Test
    void roomMessageHasTheProtocolShape() {
        assertEquals("{\"type\":\"message\",\"id\":\"e-1\",\"room\":\"lobby\",\"from\":\"alice\",\"text\":\"hi\",\"ts\":\""
                        + TS + "\",\"ref\":\"c1\"}",
                FrameCodec.encode(MessageFrame.room("e-1", "lobby", "alice", "hi", null, TS, "c1")));
    }

    @Test
    void directMessageHasTheProtocolShape() {
        JsonObject direct = encodeAndParse(MessageFrame.direct("e-2", "alice", "bob", "hi", null, TS));
        assertEquals(Set.of("type", "id", "from", "to", "text", "ts"), direct.keySet());
        assertEquals("bob", direct.getString("to"));
        assertEquals("alice", direct.getString("from"));
        assertEquals(TS, direct.getString("ts"));
    }

    @Test
    void ackHasTheProtocolShape() {
        assertEquals("{\"type\":\"ack\",\"ref\":\"c1\",\"id\":\"e-3\",\"status\":\"delivered\"}",
                FrameCodec.encode(AckFrame.delivered("c1", "e-3")));
        assertEquals("{\"type\":\"ack\",\"ref\":\"c1\",\"id\":\"e-3\",\"status\":\"stored\"}",
                FrameCodec.encode(AckFrame.stored("c1", "e-3")));
        assertEquals(Set.of("type", "id", "status"), encodeAndParse(AckFrame.stored(null, "e-3")).keySet());
    }

    @Test
    void errorHasTheProtocolShape() {
        JsonObject error = encodeAndParse(ErrorFrame.of(ErrorCode.INBOX_FULL, "the inbox of bob is full", "c1"));
        assertEquals(Set.of("type", "code", "message", "ref"), error.keySet());
        assertEquals("error", error.getString("type"));
        assertEquals("inbox_full", error.getString("code"));
        assertEquals("the inbox of bob is full", error.getString("message"));
        assertEquals("c1", error.getString("ref"));
    }

    @Test
    void errorCodesAreWrittenInSnakeCase() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code.name().toLowerCase(Locale.ROOT),
                    encodeAndParse(ErrorFrame.of(code, "m", null)).getString("code"));
        }
        assertEquals("rate_limited", ErrorCode.RATE_LIMITED.wire());
    }

    @Test
    void pongHasTheProtocolShape() {
        assertEquals("{\"type\":\"pong\",\"ref\":\"p1\"}", FrameCodec.encode(PongFrame.of("p1")));
    }

    @Test
    void presenceHasTheProtocolShape() {
        assertEquals("{\"type\":\"join\",\"room\":\"lobby\",\"user\":\"bob\",\"ts\":\"" + TS + "\"}",
                FrameCodec.encode(PresenceFrame.join("lobby", "bob", TS)));
        assertEquals("{\"type\":\"leave\",\"room\":\"lobby\",\"user\":\"bob\",\"ts\":\"" + TS + "\"}",
                FrameCodec.encode(PresenceFrame.leave("lobby", "bob", TS)));
    }

    @Test
    void textWithQuotesNewlinesAndUnicodeRoundTrips() {
        String text = "say \"hi\" \\ back\nline two\r\n\ttab \u0000\u001f </script> 李雷 😀 \u2028\u2029 é";
        JsonObject parsed = encodeAndParse(MessageFrame.room("e-1", "lobby", "李雷", text, null, TS, "r\"1"));
        assertEquals(text, parsed.getString("text"));
        assertEquals("李雷", parsed.getString("from"));
        assertEquals("r\"1", parsed.getString("ref"));
    }

    @Test
    void encodedClientTextDecodesBackToTheSameText() {
        String text = "{\"type\":\"ping\"} \"\n😀";
        String json = FrameCodec.encode(MessageFrame.direct("e-1", "a", "b", text, null, TS));
        assertEquals(new Inbound.Message(text, null, "b", null), FrameCodec.decode(json));
    }
}
