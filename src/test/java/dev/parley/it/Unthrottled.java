package dev.parley.it;

import java.util.HashMap;
import java.util.Map;

/** Settings for tests that send bursts on purpose and are not about the rate limit. */
final class Unthrottled {
    private Unthrottled() {
    }

    /** {@code more}: further setting names and values, in pairs. */
    static Map<String, String> settings(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("parley.rate.limit", "1000000", "parley.rate.burst", "1000000"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }
}
