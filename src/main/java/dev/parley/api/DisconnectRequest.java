package dev.parley.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * The body of {@code POST /api/users/{user}/disconnect}: the close {@code code}, 1000, 1008 or one of the
 * application's 4000 to 4999, and an optional {@code reason} of at most 123 bytes in UTF-8, as a close
 * frame allows.
 */
record DisconnectRequest(int code, String reason) {
    static final int MAX_REASON_BYTES = 123;

    /** @throws ApiProblem 400 {@code bad_json} or {@code bad_request} */
    static DisconnectRequest parse(String body) {
        JsonObject fields = PostedMessage.object(body);
        JsonValue code = PostedMessage.present(fields.get("code"));
        JsonValue reason = PostedMessage.present(fields.get("reason"));
        if (!(code instanceof JsonNumber number) || !allowed(number)) {
            throw new ApiProblem(400, "bad_request", "code must be 1000, 1008, or from 4000 to 4999");
        }
        if (reason != null && !(reason instanceof JsonString)) {
            throw new ApiProblem(400, "bad_request", "reason must be a string");
        }
        String text = reason == null ? "" : ((JsonString) reason).getString();
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new ApiProblem(400, "bad_request", "reason must be at most " + MAX_REASON_BYTES + " bytes in UTF-8");
        }
        return new DisconnectRequest(number.intValue(), text);
    }

    private static boolean allowed(JsonNumber code) {
        double value = code.doubleValue();
        if (value != Math.rint(value)) {
            return false;
        }
        return value == 1000 || value == 1008 || value >= 4000 && value <= 4999;
    }
}
