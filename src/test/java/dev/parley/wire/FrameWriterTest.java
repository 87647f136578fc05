package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The hand-laid writer gives, byte for byte, the text JSON-B gives for every frame (JSON-B is the reference). */
class FrameWriterTest {
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final String TS = "2025-01-02T03:04:05.678Z";
    private static final Limits LIMITS = new Limits(4000, 8192, 65_536, 20, 40);
    private static final JsonObject DATA = Json.createObjectBuilder()
            .add("n", 1.5).add("big", 12345678901234L).add("s", "q\"uote\\ \u0001 \u2028 李 😀")
            .add("list", Json.createArrayBuilder().add(true).addNull().add(Json.createObjectBuilder().add("x", 0)))
            .build();

    private static void same(ServerFrame frame) {
        assertEquals(JSONB.toJson(frame), FrameWriter.write(frame), frame.toString());
    }

    @Test
    void messagesOfRoomsAndUsers() {
        same(MessageFrame.room("e-1", "lobby", "alice", "hi", null, TS, null));
        same(MessageFrame.room("e-1", "lobby", "alice", "hi", null, TS, "c1"));
        same(MessageFrame.room("e-2", "lobby", "alice", null, DATA, TS, null));
        same(MessageFrame.room("e-3", "lobby", "alice", "</script> \t\n\r \u0000 \uD83D", DATA, TS, "r\"1"));
        same(MessageFrame.direct("u-1", "alice", "bob", "hi", null, TS));
        same(MessageFrame.direct("u-1", "alice", "bob", "", DATA, TS));
    }

    @Test
    void presenceAcksErrorsPongsAndTokens() {
        same(PresenceFrame.join("lobby", "bob", TS));
        same(PresenceFrame.leave("lobby", "名前", TS));
        same(AckFrame.delivered("c1", "u-1"));
        same(AckFrame.stored("c1", "u-1"));
        same(new AckFrame("ack", null, null, "stored"));
        same(ErrorFrame.of(ErrorCode.BAD_JSON, "a frame must be one JSON object", "c1"));
        same(ErrorFrame.of(ErrorCode.EMPTY, "text is blank", null));
        same(PongFrame.of("p1"));
        same(PongFrame.of(null));
        same(TokenFrame.accepted(Instant.ofEpochSecond(1_800_000_000L)));
        same(TokenFrame.accepted(null));
    }

    @Test
    void welcomesWithAndWithoutTheirParts() {
        List<MessageFrame> history = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> history.add(
                MessageFrame.room("e-" + i, "lobby", "m" + i, i % 3 == 0 ? null : "text " + i, i % 3 == 0 ? DATA : null,
                        TS, null)));
        List<String> roster = IntStream.range(0, 500).mapToObj(i -> "member-" + i).toList();
        same(WelcomeFrame.room("lobby", "alice", roster, 5000, history, null, LIMITS));
        same(WelcomeFrame.room("lobby", "alice", List.of(), 0, List.of(), true, LIMITS));
        same(WelcomeFrame.room("lobby", "alice", List.of("alice"), 1, history, false, LIMITS)
                .expiring(Instant.ofEpochSecond(1_900_000_000L)));
        same(WelcomeFrame.user("alice", 0, null, LIMITS));
        same(WelcomeFrame.user("alice", 12, true, LIMITS).expiring(Instant.ofEpochSecond(5)));
        same(new WelcomeFrame("welcome", null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void statsWithWholeAndFractionalFigures() {
        same(StatsFrame.of("node-1", 0, 0, 0, 0.0, 0.0, 0L, 0.0, 0.0, 0L));
        same(StatsFrame.of("node-1", 5000, 12, 40, 1234.5678, 1.0E10, 1_234_567_890L, 0.001, 1.5E-7, 3L));
        same(StatsFrame.of("n", 1, 1, 1, 99.99999999, 100.0, Long.MAX_VALUE, 12.0, 250.75, 0L));
    }
}
