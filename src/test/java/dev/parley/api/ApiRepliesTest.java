package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.wire.MessageFrame;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply bodies as JSON-B writes them: fields in the documented order, absent ones left out. */
class ApiRepliesTest {
    private static final Jsonb JSON = JsonbBuilder.create();

    @Test
    void repliesAreWrittenAsDocumented() {
        assertEquals("{\"id\":\"m1-2\",\"ts\":\"2026-11-21T06:18:11.042Z\"}",
                JSON.toJson(new ApiReplies.Posted("m1-2", "2026-11-21T06:18:11.042Z")));
        assertEquals("{\"id\":\"m1-3\",\"status\":\"stored\"}", JSON.toJson(new ApiReplies.Sent("m1-3", "stored")));
        assertEquals("{\"room\":\"ci\",\"members\":[\"alice\"],\"count\":1}",
                JSON.toJson(new ApiReplies.Presence("ci", List.of("alice"), 1)));
        assertEquals("{\"error\":\"inbox_full\",\"message\":\"full\"}",
                JSON.toJson(new ApiReplies.Failure("inbox_full", "full")));
    }

    @Test
    void historyLeavesOutWhatIsNotThere() {
        MessageFrame m = MessageFrame.room("m1-2", "ci", "bot", "hi", null, "2026-11-21T06:18:11.042Z", null);
        assertEquals("{\"room\":\"ci\",\"messages\":[{\"type\":\"message\",\"id\":\"m1-2\",\"room\":\"ci\",\"from\":\"bot\","
                + "\"text\":\"hi\",\"ts\":\"2026-11-21T06:18:11.042Z\"}]}",
                JSON.toJson(new ApiReplies.History("ci", List.of(m), null)));
        assertEquals("{\"room\":\"ci\",\"messages\":[],\"recovered\":false}",
                JSON.toJson(new ApiReplies.History("ci", List.of(), false)));
    }
}
