package dev.parley.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;

/** Small readers for the frames the integration tests look into. */
final class Frames {
    private Frames() {
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static List<String> members(JsonObject welcome) {
        return strings(welcome.getJsonArray("members"));
    }

    static List<String> texts(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getString("text")).toList();
    }

    static List<String> ids(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }
}
