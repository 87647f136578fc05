package dev.parley.socket;

import java.util.function.Consumer;

/**
 * Puts a text message back together from the parts a container hands over. The container reads a text
 * message through a small buffer of its own (Tomcat allocates that buffer for every session up front and
 * keeps it), so a message longer than the buffer arrives in parts; nearly every message fits in one part
 * and passes through without a copy. Only a longer message, up to {@code parley.frame.max}, is copied
 * into a builder that lives until its last part.
 *
 * <p>A message that grows past the maximum is handed on at once, a little over the maximum, so that the
 * gate closes the connection (1009) while the rest of it is still arriving; its remaining parts are
 * dropped. Not thread-safe: a container delivers one session's messages one after another.
 */
final class TextParts {
    private final int maxChars;
    private StringBuilder parts;
    /** The message being received passed the maximum and was handed on already: drop up to its last part. */
    private boolean dropping;

    TextParts(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * Takes one part: hands {@code whole} the whole message once {@code last} comes, or a message cut just
     * past the maximum as soon as it grows past it; nothing while more parts are awaited (or while the rest
     * of a message past the maximum arrives).
     */
    void add(String part, boolean last, Consumer<String> whole) {
        if (dropping) {
            dropping = !last;
        } else if (parts == null) {
            if (last || part.length() > maxChars) {
                dropping = !last;
                whole.accept(part);
            } else {
                parts = new StringBuilder(part);
            }
        } else if (parts.length() + part.length() > maxChars) {
            String tooLong = parts.append(part, 0, Math.min(part.length(), maxChars + 1 - parts.length())).toString();
            parts = null;
            dropping = !last;
            whole.accept(tooLong);
        } else {
            parts.append(part);
            if (last) {
                String message = parts.toString();
                parts = null;
                whole.accept(message);
            }
        }
    }
}
