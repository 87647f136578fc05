package dev.parley.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the messages a connection has passed on, to pass each on once across reconnects, and the last
 * one, which a reconnect sends as {@code since}. Remembers the newest {@code capacity} ids.
 */
final class SeenIds {
    private final Map<String, Boolean> ids;
    private String last;

    SeenIds(int capacity, String since) {
        this.last = since;
        this.ids = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time {@code id} is seen, which makes it the last one. */
    synchronized boolean firstTime(String id) {
        if (ids.putIfAbsent(id, Boolean.TRUE) != null) {
            return false;
        }
        last = id;
        return true;
    }

    /** The id to resume after, or null when none was seen (nor given). */
    synchronized String last() {
        return last;
    }
}
