package dev.parley.connection;

import dev.parley.wire.FrameCodec;
import dev.parley.wire.ServerFrame;
import java.time.Instant;

/**
 * A frame encoded once and shared by every connection it is offered to.
 *
 * @param text     the JSON text
 * @param bytes    its size in UTF-8, counted against the outbox's byte limit
 * @param seq      its position in a room's or user's stream, or 0 for a frame outside any stream
 * @param type     the frame's {@code type}, for metrics
 * @param accepted when the server accepted the message it carries, or null; delivery latency is measured from it
 * @param written  what to do each time a connection's client has read the frame (a direct message then
 *                 counts as delivered; see {@link Transport#afterRead}); {@link #NOTHING} for most frames
 */
public record Encoded(String text, int bytes, long seq, String type, Instant accepted, Runnable written) {
    public static final Runnable NOTHING = () -> { };

    /** A frame outside any stream. */
    public static Encoded of(ServerFrame frame) {
        return of(frame, 0, null, NOTHING);
    }

    public static Encoded of(ServerFrame frame, long seq, Instant accepted) {
        return of(frame, seq, accepted, NOTHING);
    }

    public static Encoded of(ServerFrame frame, long seq, Instant accepted, Runnable written) {
        String text = FrameCodec.encode(frame);
        return new Encoded(text, utf8Length(text), seq, frame.type(), accepted, written);
    }

    /** Text that is not a Parley frame, such as an echo. */
    public static Encoded raw(String text, String type) {
        return new Encoded(text, utf8Length(text), 0, type, null, NOTHING);
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
