package dev.parley.client;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;

/**
 * Reads server frames and writes client frames, with JSON-P: its object model keeps the frame records
 * free of binding annotations and reflection, and the jar's needs down to JSON-P alone. Thread-safe.
 */
final class Frames {
    /** One factory each for every frame: {@code Json.create...} looks its provider up again at each call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private Frames() {
    }

    /** The frame {@code json} holds; throws {@link MalformedFrameException} for anything else. */
    static Frame read(String json) {
        JsonObject object;
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject o)) {
                throw new MalformedFrameException("not a JSON object: " + abbreviate(json));
            }
            object = o;
        } catch (JsonException e) {
            throw new MalformedFrameException("not JSON: " + abbreviate(json), e);
        }
        String type = string(object, "type");
        if (type == null) {
            throw new MalformedFrameException("a frame without a type: " + abbreviate(json));
        }
        try {
            return frame(type, object);
        } catch (ClassCastException e) {
            throw new MalformedFrameException("a field of the wrong kind: " + abbreviate(json), e);
        }
    }

    private static Frame frame(String type, JsonObject object) {
        return switch (type) {
            case "welcome" -> welcome(object);
            case "message" -> message(object);
            case "join", "leave" -> new Presence("join".equals(type), string(object, "room"), string(object, "user"),
                    string(object, "ts"));
            case "ack" -> new Ack(string(object, "ref"), string(object, "id"), string(object, "status"));
            case "error" -> new ServerError(string(object, "code"), string(object, "message"), string(object, "ref"));
            case "pong" -> new Pong(string(object, "ref"));
            default -> new OtherFrame(type);
        };
    }

    static String write(Outgoing frame) {
        JsonObjectBuilder object = BUILDERS.createObjectBuilder().add("type", frame.type());
        if (frame.to() != null) {
            object.add("to", frame.to());
        }
        if (frame.text() != null) {
            object.add("text", frame.text());
        }
        if (frame.data() != null) {
            object.add("data", frame.data());
        }
        if (frame.ref() != null) {
            object.add("ref", frame.ref());
        }
        return object.build().toString();
    }

    private static Welcome welcome(JsonObject object) {
        JsonValue recovered = object.get("recovered");
        return new Welcome(string(object, "room"), string(object, "user"),
                array(object, "members").getValuesAs(JsonString::getString), object.getInt("memberCount", 0),
                object.getInt("pending", 0), array(object, "history").stream().map(Frames::historyItem).toList(),
                recovered == null || recovered == JsonValue.NULL ? null : recovered == JsonValue.TRUE);
    }

    private static Message historyItem(JsonValue item) {
        if (!(item instanceof JsonObject object)) {
            throw new MalformedFrameException("a history item that is not an object");
        }
        return message(object);
    }

    private static Message message(JsonObject object) {
        String id = string(object, "id");
        String text = string(object, "text");
        JsonObject data = object.get("data") instanceof JsonObject o ? o : null;
        if (id == null || (text == null && data == null)) {
            throw new MalformedFrameException("a message without an id, or with neither text nor data");
        }
        return new Message(id, string(object, "room"), string(object, "from"), string(object, "to"), text, data,
                string(object, "ts"), string(object, "ref"));
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static JsonArray array(JsonObject object, String name) {
        return object.get(name) instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
    }

    private static String abbreviate(String json) {
        return json.length() > 80 ? json.substring(0, 80) + "..." : json;
    }
}
