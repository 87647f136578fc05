package dev.parley.broker.redis;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.MessageIds;
import dev.parley.broker.Origin;
import dev.parley.broker.PresenceEvent;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;

/** Reads the events Parley's Redis functions write (JSON, see {@code parley.lua}) as the broker's records. */
final class EventCodec {
    private final MessageIds ids;

    EventCodec(MessageIds ids) {
        this.ids = ids;
    }

    RoomEvent roomEvent(String room, String json) {
        JsonObject e = parse(json);
        long seq = e.getJsonNumber("seq").longValue();
        Instant ts = time(e);
        if ("p".equals(e.getString("k"))) {
            return new PresenceEvent(seq, room, e.getString("name"), e.getBoolean("joined"), e.getInt("count"), ts);
        }
        return new RoomMessage(seq, ids.format(seq), room, e.getString("from"), e.getString("text", null), data(e),
                ts, new Origin(e.getString("conn"), e.getString("ref", null)));
    }

    RoomMessage roomMessage(String room, String json) {
        return (RoomMessage) roomEvent(room, json);
    }

    DirectMessage directMessage(String json) {
        JsonObject e = parse(json);
        long seq = e.getJsonNumber("seq").longValue();
        return new DirectMessage(seq, ids.format(seq), e.getString("from"), e.getString("to"),
                e.getString("text", null), data(e), time(e));
    }

    /** {@code data} as its events carry it: its compact JSON text, or empty for none. */
    static String dataText(JsonObject data) {
        return data == null ? "" : data.toString();
    }

    /**
     * The event's {@code data}, or null. It is kept as JSON text inside the event, not as a Lua table, so
     * that Redis's cjson never rounds its numbers or confuses its empty objects with empty arrays; events
     * written before messages had data have none.
     */
    private static JsonObject data(JsonObject e) {
        String data = e.getString("data", null);
        return data == null ? null : parse(data);
    }

    private static Instant time(JsonObject e) {
        return Instant.ofEpochSecond(e.getJsonNumber("sec").longValue(), e.getJsonNumber("usec").longValue() * 1000);
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
