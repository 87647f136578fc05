package dev.parley.outbox;

import java.nio.charset.StandardCharsets;

/**
 * A frame encoded once and shared by every outbox it is offered to.
 *
 * @param text  the JSON text
 * @param bytes its size in UTF-8, counted against the outbox's byte limit
 * @param seq   its position in a room's or user's stream, or 0 for a frame outside any stream
 */
public record Encoded(String text, int bytes, long seq) {

    public static Encoded of(String text) {
        return of(text, 0);
    }

    public static Encoded of(String text, long seq) {
        return new Encoded(text, utf8Length(text), seq);
    }

    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x800) {
                bytes += Character.isSurrogate(c) ? 1 : 2;
            } else if (c >= 0x80) {
                bytes += 1;
            }
        }
        return bytes;
    }
}
