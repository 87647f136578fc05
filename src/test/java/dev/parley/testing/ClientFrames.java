package dev.parley.testing;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Frames as a client sends them, built as JSON rather than written as escaped literals:
 * {@code ClientFrames.message("hi").ref("c1").to("bob").json()}.
 */
public final class ClientFrames {
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private final Map<String, String> fields = new LinkedHashMap<>();

    private ClientFrames(String type) {
        fields.put("type", type);
    }

    /** {@code {"type":"message","text":...}}. */
    public static ClientFrames message(String text) {
        return new ClientFrames("message").with("text", text);
    }

    /** {@code {"type":"ping","ref":...}}. */
    public static ClientFrames ping(String ref) {
        return new ClientFrames("ping").ref(ref);
    }

    /** A frame of any {@code type}, such as one the server does not know. */
    public static ClientFrames ofType(String type) {
        return new ClientFrames(type);
    }

    public ClientFrames ref(String ref) {
        return with("ref", ref);
    }

    public ClientFrames to(String user) {
        return with("to", user);
    }

    /** Adds a string field; null leaves it out. */
    public ClientFrames with(String name, String value) {
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, value);
        }
        return this;
    }

    public String json() {
        JsonObjectBuilder object = BUILDERS.createObjectBuilder();
        fields.forEach(object::add);
        return object.build().toString();
    }
}
