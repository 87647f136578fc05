package dev.parley.wire;

import java.util.Optional;

/** The rule for a message's {@code text}: not blank, and at most a configured number of code points. */
public final class TextRule {
    private final int maxLength;

    public TextRule(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The error to answer, or none when the text is acceptable. */
    public Optional<ErrorFrame> check(String text, String ref) {
        if (text.isBlank()) {
            return Optional.of(ErrorFrame.of(ErrorCode.EMPTY, "text is blank", ref));
        }
        if (text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength) {
            return Optional.of(ErrorFrame.of(ErrorCode.TOO_LONG, "text is longer than " + maxLength + " characters", ref));
        }
        return Optional.empty();
    }
}
