package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void readsARoomWelcomeWithItsHistory() {
        Frame frame = Frames.read("{\"type\":\"welcome\",\"room\":\"lobby\",\"user\":\"alice\","
                + "\"members\":[\"alice\",\"bob\"],\"memberCount\":2,\"history\":[{\"type\":\"message\",\"id\":\"m-1\","
                + "\"room\":\"lobby\",\"from\":\"bob\",\"text\":\"hi\",\"ts\":\"2026-11-21T06:18:11.042Z\"}]}");
        assertEquals(new Welcome("lobby", "alice", List.of("alice", "bob"), 2, 0,
                List.of(new Message("m-1", "lobby", "bob", null, "hi", null, "2026-11-21T06:18:11.042Z", null)), null), frame);
    }

    @Test
    void readsAUserWelcomeWithPendingAndRecovered() {
        Welcome welcome = (Welcome) Frames.read("{\"type\":\"welcome\",\"user\":\"bob\",\"pending\":3,\"recovered\":false}");
        assertEquals(3, welcome.pending());
        assertEquals(Boolean.FALSE, welcome.recovered());
        assertEquals(List.of(), welcome.history());
        assertEquals(List.of(), welcome.members());
    }

    @Test
    void readsMessagesAndTheirTime() {
        Message direct = (Message) Frames.read("{\"type\":\"message\",\"id\":\"u-7\",\"from\":\"alice\",\"to\":\"bob\","
                + "\"text\":\"hi\\nthere\",\"ts\":\"2026-11-21T06:18:11.042Z\",\"unknown\":[1,2]}");
        assertEquals(new Message("u-7", null, "alice", "bob", "hi\nthere", null, "2026-11-21T06:18:11.042Z", null), direct);
        assertEquals(Instant.parse("2026-11-21T06:18:11.042Z"), direct.time());
    }

    @Test
    void readsPresenceAcksErrorsAndPongs() {
        assertEquals(new Presence(true, "lobby", "bob", "t"),
                Frames.read("{\"type\":\"join\",\"room\":\"lobby\",\"user\":\"bob\",\"ts\":\"t\"}"));
        assertEquals(new Presence(false, "lobby", "bob", "t"),
                Frames.read("{\"type\":\"leave\",\"room\":\"lobby\",\"user\":\"bob\",\"ts\":\"t\"}"));
        Ack ack = (Ack) Frames.read("{\"type\":\"ack\",\"ref\":\"j1\",\"id\":\"u-1\",\"status\":\"stored\"}");
        assertEquals(new Ack("j1", "u-1", "stored"), ack);
        assertEquals(true, ack.stored());
        assertEquals(false, ack.delivered());
        assertEquals(new ServerError("too_long", "too long", "j2"),
                Frames.read("{\"type\":\"error\",\"code\":\"too_long\",\"message\":\"too long\",\"ref\":\"j2\"}"));
        assertEquals(new Pong("p"), Frames.read("{\"type\":\"pong\",\"ref\":\"p\"}"));
    }

    @Test
    void aTypeItDoesNotKnowIsAnOtherFrame() {
        assertEquals(new OtherFrame("stats"), Frames.read("{\"type\":\"stats\",\"connections\":3}"));
    }

    @Test
    void anythingButAFrameIsMalformed() {
        for (String json : List.of("not json", "[1,2]", "\"text\"", "null", "{}", "{\"type\":7}",
                "{\"type\":\"message\",\"text\":\"no id\"}", "{\"type\":\"message\",\"id\":\"m-1\"}",
                "{\"type\":\"welcome\",\"members\":[1]}", "{\"type\":\"welcome\",\"history\":[\"m-1\"]}")) {
            assertThrows(MalformedFrameException.class, () -> Frames.read(json), json);
        }
    }

    @Test
    void writesMessagesAndPingsWithoutNullFields() {
        assertEquals("{\"type\":\"message\",\"text\":\"hi \\\"you\\\"\",\"ref\":\"j1\"}",
                Frames.write(Outgoing.message(null, "hi \"you\"", null, "j1")));
        assertEquals("{\"type\":\"message\",\"to\":\"李雷\",\"text\":\"hi\",\"ref\":\"j2\"}",
                Frames.write(Outgoing.message("李雷", "hi", null, "j2")));
        assertEquals("{\"type\":\"ping\",\"ref\":\"j3\"}", Frames.write(Outgoing.ping("j3")));
    }

    @Test
    void readsAndWritesData() {
        JsonObject data = Json.createObjectBuilder().add("kind", "poll").add("n", new java.math.BigDecimal("0.50"))
                .build();
        Message withData = (Message) Frames.read("{\"type\":\"message\",\"id\":\"m-2\",\"room\":\"lobby\","
                + "\"from\":\"bob\",\"data\":{\"kind\":\"poll\",\"n\":0.50},\"ts\":\"t\"}");
        assertEquals(new Message("m-2", "lobby", "bob", null, null, data, "t", null), withData);
        assertEquals("{\"type\":\"message\",\"to\":\"bob\",\"data\":{\"kind\":\"poll\",\"n\":0.50},\"ref\":\"j4\"}",
                Frames.write(Outgoing.message("bob", null, data, "j4")));
        assertEquals("{\"type\":\"message\",\"text\":\"vote\",\"data\":{\"kind\":\"poll\",\"n\":0.50},\"ref\":\"j5\"}",
                Frames.write(Outgoing.message(null, "vote", data, "j5")));
    }
}
