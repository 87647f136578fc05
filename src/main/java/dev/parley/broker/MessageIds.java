package dev.parley.broker;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Message ids of one stream (a room's or a user's): the stream's epoch and the position in it, e.g.
 * {@code k3x9q2m7-42}. Every stream has an epoch of its own, made when the stream is, and a new one
 * when the broker finds that it lost some of the stream's messages, so an id from another stream, or
 * from before such a loss, is recognised as unknown, not misread.
 */
public final class MessageIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String epoch;

    public MessageIds(String epoch) {
        this.epoch = epoch;
    }

    /** A new random epoch: eight base-36 characters, made for a new stream. */
    public static String freshEpoch() {
        StringBuilder out = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            out.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return out.toString();
    }

    /** The epoch part of an id (everything before its last {@code -}), when it has one. */
    public static Optional<String> epochOf(String id) {
        int dash = id == null ? -1 : id.lastIndexOf('-');
        return dash <= 0 ? Optional.empty() : Optional.of(id.substring(0, dash));
    }

    public String epoch() {
        return epoch;
    }

    public String format(long seq) {
        return epoch + "-" + seq;
    }

    /** The stream position of an id of this epoch, or -1 for any other string. */
    public long seqOf(String id) {
        if (id == null || id.length() <= epoch.length() + 1 || !id.startsWith(epoch)
                || id.charAt(epoch.length()) != '-') {
            return -1;
        }
        try {
            long seq = Long.parseLong(id.substring(epoch.length() + 1));
            return seq > 0 ? seq : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
