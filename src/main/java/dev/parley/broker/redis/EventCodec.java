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
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;

/**
 * Reads the events Parley's Redis functions write (JSON, see {@code parley.lua}) as the broker's records.
 * Each event carries its stream's epoch ({@code ep}); one written before streams had epochs of their own
 * takes the epoch given, that of the stream as it is now.
 */
final class EventCodec {
    /** One factory for every event: {@code Json.createReader} looks its provider up again at each call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    Stamped<RoomEvent> roomEvent(String room, String json, String epoch) {
        JsonObject e = parse(json);
        long seq = e.getJsonNumber("seq").longValue();
        Instant ts = time(e);
        String ep = e.getString("ep", epoch);
        if ("p".equals(e.getString("k"))) {
            return new Stamped<>(ep, seq, micros(e),
                    new PresenceEvent(seq, room, e.getString("name"), e.getBoolean("joined"), e.getInt("count"), ts));
        }
        return new Stamped<>(ep, seq, micros(e), new RoomMessage(seq, new MessageIds(ep).format(seq), room,
                e.getString("from"), e.getString("text", null), data(e), ts,
                new Origin(e.getString("conn"), e.getString("ref", null))));
    }

    RoomMessage roomMessage(String room, String json, String epoch) {
        return (RoomMessage) roomEvent(room, json, epoch).event();
    }

    Stamped<DirectMessage> directEvent(String json, String epoch) {
        JsonObject e = parse(json);
        long seq = e.getJsonNumber("seq").longValue();
        String ep = e.getString("ep", epoch);
        return new Stamped<>(ep, seq, micros(e), new DirectMessage(seq, new MessageIds(ep).format(seq),
                e.getString("from"), e.getString("to"), e.getString("text", null), data(e), time(e)));
    }

    DirectMessage directMessage(String json, String epoch) {
        return directEvent(json, epoch).event();
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

    private static long micros(JsonObject e) {
        return e.getJsonNumber("sec").longValue() * 1_000_000 + e.getJsonNumber("usec").longValue();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
