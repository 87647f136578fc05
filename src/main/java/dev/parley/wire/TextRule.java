package dev.parley.wire;

/** The rule for a message's {@code text}: not blank, and at most a configured number of code points. */
public final class TextRule {
    private final int maxLength;

    public TextRule(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The error to answer, or null when the text is acceptable. */
    public ErrorFrame check(String text, String ref) {
        if (text.isBlank()) {
            return ErrorFrame.of(ErrorCode.EMPTY, "text is blank", ref);
        }
        if (text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength) {
            return ErrorFrame.of(ErrorCode.TOO_LONG, "text is longer than " + maxLength + " characters", ref);
        }
        return null;
    }
}
