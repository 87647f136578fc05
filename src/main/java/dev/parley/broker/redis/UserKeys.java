package dev.parley.broker.redis;

/**
 * A user's keys and channel, under the user's hash tag: {@code meta} (position, newest dropped
 * position), {@code retained} and {@code bodies} (what is kept for resume),
 * {@code pending} (not yet written to a connection).
 */
record UserKeys(String meta, String retained, String bodies, String pending, String channel) {
    /** Direct messages waiting in all inboxes: the one key outside a user's slot. */
    static final String UNDELIVERED = "parley:undelivered";

    static UserKeys of(String user) {
        String prefix = "parley:{u:" + user + "}:";
        return new UserKeys(prefix + "meta", prefix + "retained", prefix + "bodies", prefix + "pending",
                prefix + "events");
    }

    /** The keys every user function takes, in its order. */
    String[] all() {
        return new String[] {meta, retained, bodies, pending, UNDELIVERED};
    }
}
