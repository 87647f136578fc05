package dev.parley.wire;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * The rule for what a message says: a {@code text} that is not blank and at most a configured number of
 * code points; or, with {@code data}, a text that may be absent or blank, and data within the {@link DataRule}.
 */
public final class TextRule {
    private final int maxLength;
    private final DataRule dataRule;

    /** Text up to {@code maxLength} code points, data up to {@link DataRule#DEFAULT_MAX_BYTES}. */
    public TextRule(int maxLength) {
        this(maxLength, new DataRule(DataRule.DEFAULT_MAX_BYTES));
    }

    public TextRule(int maxLength, DataRule dataRule) {
        this.maxLength = maxLength;
        this.dataRule = dataRule;
    }

    /** The error to answer for a message with text only, or none when the text is acceptable. */
    public Optional<ErrorFrame> check(String text, String ref) {
        return check(text, null, ref);
    }

    /** The error to answer, or none when the message is acceptable; {@code text} or {@code data} may be null. */
    public Optional<ErrorFrame> check(String text, JsonObject data, String ref) {
        if (text == null && data == null) {
            return Optional.of(ErrorFrame.of(ErrorCode.BAD_REQUEST, "a message needs text or data", ref));
        }
        // data is content enough: the text beside it may be blank, as a caption may be
        if (data == null && text.isBlank()) {
            return Optional.of(ErrorFrame.of(ErrorCode.EMPTY, "text is blank", ref));
        }
        if (text != null && text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength) {
            return Optional.of(ErrorFrame.of(ErrorCode.TOO_LONG, "text is longer than " + maxLength + " characters",
                    ref));
        }
        return dataRule.check(data, ref);
    }
}
