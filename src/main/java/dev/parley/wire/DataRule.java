package dev.parley.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The rule for a message's {@code data}: strings that can be sent on as UTF-8, and at most a configured
 * number of bytes of its compact UTF-8 JSON.
 */
public final class DataRule {
    /** {@code parley.data.max}'s default. */
    public static final int DEFAULT_MAX_BYTES = 8192;

    private final int maxBytes;

    public DataRule(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The error to answer, or none when there is no data or it is acceptable. */
    public Optional<ErrorFrame> check(JsonObject data, String ref) {
        if (data == null) {
            return Optional.empty();
        }
        // frames are refused for this when decoded; the server API's bodies are checked here
        if (!wellFormed(data)) {
            return Optional.of(ErrorFrame.of(ErrorCode.BAD_REQUEST, "data must be a JSON object of valid Unicode",
                    ref));
        }
        if (size(data) > maxBytes) {
            return Optional.of(ErrorFrame.of(ErrorCode.DATA_TOO_LARGE, "data is larger than " + maxBytes + " bytes",
                    ref));
        }
        return Optional.empty();
    }

    /** The bytes of {@code data} as compact UTF-8 JSON, which is how it is measured, stored and relayed. */
    static int size(JsonObject data) {
        return data.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Whether every name and string in {@code value} is free of unpaired surrogates. */
    private static boolean wellFormed(JsonValue value) {
        if (value instanceof JsonString s) {
            return InboundReader.wellFormed(s.getString());
        }
        if (value instanceof JsonArray array) {
            return array.stream().allMatch(DataRule::wellFormed);
        }
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> field : object.entrySet()) {
                if (!InboundReader.wellFormed(field.getKey()) || !wellFormed(field.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }
}
