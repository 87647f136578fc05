package dev.parley.broker.redis;

/** A room's keys and channel, all under the room's hash tag so that they share one Cluster slot. */
record RoomKeys(String meta, String presence, String history, String channel) {
    /** The names of the rooms with members, all with score 0, so that they sort by name. */
    static final String ACTIVE = "parley:rooms";
    /**
     * Every room's leases, {@code <room>\n<incarnation>} scored by expiry: the one presence key outside a
     * room's slot, so that a node finds the expired leases of all rooms.
     */
    static final String LEASES = "parley:leases";

    static RoomKeys of(String room) {
        String prefix = "parley:{r:" + room + "}:";
        return new RoomKeys(prefix + "meta", prefix + "presence", prefix + "history", prefix + "events");
    }

    /** The incarnations holding names in the room, scored by the expiry of their leases. */
    String leases() {
        return prefix() + "leases";
    }

    /** The names an incarnation holds connections of in the room, with their counts. */
    String held(String incarnation) {
        return prefix() + "held:" + incarnation;
    }

    private String prefix() {
        return meta.substring(0, meta.length() - "meta".length());
    }
}
