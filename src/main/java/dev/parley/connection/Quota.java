package dev.parley.connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How many connections each key (an address, a user) holds, at most {@code max} each; a key at zero is forgotten. */
final class Quota {
    private final int max;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    Quota(int max) {
        this.max = max;
    }

    /** Takes one for {@code key}; false, and nothing taken, when it holds {@code max} already. */
    boolean take(String key) {
        boolean[] ok = {true};
        held.compute(key, (k, n) -> {
            int count = n == null ? 0 : n;
            ok[0] = count < max;
            return ok[0] ? count + 1 : n;
        });
        return ok[0];
    }

    void give(String key) {
        held.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    int keys() {
        return held.size();
    }
}
