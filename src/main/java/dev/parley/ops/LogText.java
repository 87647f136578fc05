package dev.parley.ops;

/**
 * A client-supplied value made safe for a log line: control characters escaped (so no value can start a
 * forged line), and cut to a length (so no value can fill the log).
 */
public final class LogText {
    /** What a header value such as {@code Origin} may take of a log line. */
    public static final int HEADER_MAX = 100;

    private LogText() {
    }

    /** {@code value} with control characters as {@code \n}, {@code \r}, {@code \t} or {@code \u0007}, at most {@code max} of its characters kept. */
    public static String of(String value, int max) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder safe = new StringBuilder(Math.min(value.length(), max) + 8);
        int kept = Math.min(value.length(), max);
        for (int i = 0; i < kept; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> safe.append("\\n");
                case '\r' -> safe.append("\\r");
                case '\t' -> safe.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        safe.append(String.format("\\u%04x", (int) c));
                    } else {
                        safe.append(c);
                    }
                }
            }
        }
        if (value.length() > max) {
            safe.append("...(").append(value.length()).append(" characters)");
        }
        return safe.toString();
    }
}
