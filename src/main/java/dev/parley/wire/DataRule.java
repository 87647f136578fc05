package dev.parley.wire;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The rule for a message's {@code data}: at most a configured number of bytes of its compact UTF-8 JSON. */
public final class DataRule {
    /** {@code parley.data.max}'s default. */
    public static final int DEFAULT_MAX_BYTES = 8192;

    private final int maxBytes;

    public DataRule(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The error to answer, or none when there is no data or it is small enough. */
    public Optional<ErrorFrame> check(JsonObject data, String ref) {
        if (data == null || size(data) <= maxBytes) {
            return Optional.empty();
        }
        return Optional.of(ErrorFrame.of(ErrorCode.DATA_TOO_LARGE, "data is larger than " + maxBytes + " bytes", ref));
    }

    /** The bytes of {@code data} as compact UTF-8 JSON, which is how it is measured, stored and relayed. */
    static int size(JsonObject data) {
        return data.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
