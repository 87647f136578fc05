package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiRateLimitTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aCallerHasItsBurstThenTheRate() {
        ApiRateLimit limit = new ApiRateLimit(2, 3, 10);
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.admit("k", 0));
        }
        assertFalse(limit.admit("k", 0));
        assertTrue(limit.admit("k", SECOND / 2), "one call's worth refilled after half a second at 2/s");
        assertFalse(limit.admit("k", SECOND / 2));
    }

    @Test
    void callersHaveTheirOwnBuckets() {
        ApiRateLimit limit = new ApiRateLimit(1, 1, 10);
        assertTrue(limit.admit("a", 0));
        assertFalse(limit.admit("a", 0));
        assertTrue(limit.admit("b", 0));
    }

    @Test
    void theCallersSeenLeastRecentlyAreForgottenPastTheLimit() {
        ApiRateLimit limit = new ApiRateLimit(1, 1, 2);
        assertTrue(limit.admit("a", 0));
        assertTrue(limit.admit("b", 0));
        assertTrue(limit.admit("c", 0));
        assertTrue(limit.admit("a", 0), "a was forgotten and starts with a full bucket");
        assertFalse(limit.admit("c", 0), "c is still kept");
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertEquals(1, new ApiRateLimit(200, 400, 10).retryAfterSeconds());
        assertEquals(1, new ApiRateLimit(1, 1, 10).retryAfterSeconds());
    }
}
