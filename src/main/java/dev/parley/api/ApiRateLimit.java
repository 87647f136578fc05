package dev.parley.api;

import dev.parley.access.TokenBucket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's rate limit: a token bucket per caller (its key, or its address when no key is asked), of
 * {@code perSecond} calls with {@code burst} at once. The buckets of the callers seen least recently are
 * dropped past {@code maxCallers}; a dropped caller starts again with a full bucket.
 */
final class ApiRateLimit {
    private final int perSecond;
    private final int burst;
    private final Map<String, TokenBucket> buckets;

    ApiRateLimit(int perSecond, int burst, int maxCallers) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > maxCallers;
            }
        };
    }

    /** Seconds a refused caller should wait before it calls again: one call's worth of the rate. */
    int retryAfterSeconds() {
        return Math.max(1, (int) Math.ceil(1.0 / perSecond));
    }

    /** Whether {@code caller} may make one more call now. */
    synchronized boolean admit(String caller, long nowNanos) {
        return buckets.computeIfAbsent(caller, c -> new TokenBucket(perSecond, burst, nowNanos)).tryTake(nowNanos);
    }
}
