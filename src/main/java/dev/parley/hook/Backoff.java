package dev.parley.hook;

import java.time.Duration;

/**
 * How long to wait before each retry of a failed batch: {@code first}, then twice as long each time, at
 * most {@code max}; a batch is given up after {@code attempts} tries in all.
 */
record Backoff(Duration first, Duration max, int attempts) {

    static final Backoff EVENTS = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), 6);

    /** The wait after failed try number {@code failed} (1 for the first). */
    Duration after(int failed) {
        long millis = first.toMillis() << Math.min(failed - 1, 30);
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** Whether a batch that failed {@code failed} times is tried again. */
    boolean retries(int failed) {
        return failed < attempts;
    }
}
