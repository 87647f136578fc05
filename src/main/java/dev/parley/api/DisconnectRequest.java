package dev.parley.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body of {@code POST /api/users/{user}/disconnect}: the close {@code code}, 1000, 1008 or one of the
 * application's 4000 to 4999, and an optional {@code reason} of at most 123 bytes in UTF-8, as a close
 * frame allows.
 */
record DisconnectRequest(int code, String reason) {
    static final int MAX_REASON_BYTES = 123;

    /** @throws ApiProblem 400 {@code bad_json} or {@code bad_request} */
    static DisconnectRequest parse(String body) {
        Map<?, ?> fields = PostedMessage.object(body);
        Object code = fields.get("code");
        Object reason = fields.get("reason");
        if (!(code instanceof Number number) || !allowed(number)) {
            throw new ApiProblem(400, "bad_request", "code must be 1000, 1008, or from 4000 to 4999");
        }
        if (reason != null && !(reason instanceof String)) {
            throw new ApiProblem(400, "bad_request", "reason must be a string");
        }
        String text = reason == null ? "" : (String) reason;
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new ApiProblem(400, "bad_request", "reason must be at most " + MAX_REASON_BYTES + " bytes in UTF-8");
        }
        return new DisconnectRequest(number.intValue(), text);
    }

    private static boolean allowed(Number code) {
        double value = code.doubleValue();
        if (value != Math.rint(value)) {
            return false;
        }
        return value == 1000 || value == 1008 || value >= 4000 && value <= 4999;
    }
}
