package dev.parley.broker.redis;

/** A room's keys and channel, all under the room's hash tag so that they share one Cluster slot. */
record RoomKeys(String meta, String presence, String history, String channel) {
    /** The names of the rooms with members, all with score 0, so that they sort by name. */
    static final String ACTIVE = "parley:rooms";

    static RoomKeys of(String room) {
        String prefix = "parley:{r:" + room + "}:";
        return new RoomKeys(prefix + "meta", prefix + "presence", prefix + "history", prefix + "events");
    }
}
