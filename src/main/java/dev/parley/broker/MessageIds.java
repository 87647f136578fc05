package dev.parley.broker;

/**
 * Message ids: the broker's epoch and the stream position, e.g. {@code m5x2k9q-42}. The epoch changes
 * when a broker's memory starts afresh, so an id from before is recognised as unknown, not misread.
 */
public final class MessageIds {
    private final String epoch;

    public MessageIds(String epoch) {
        this.epoch = epoch;
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
