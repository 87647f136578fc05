package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    @Test
    void waitsBetweenHalfAndAllOfADoublingCeiling() {
        assertEquals(Duration.ofMillis(250), new Backoff(() -> 0).delay(0));
        assertEquals(Duration.ofMillis(500), new Backoff(() -> ALMOST_ONE).delay(0));
        assertEquals(Duration.ofMillis(1000), new Backoff(() -> 0).delay(2));
        assertEquals(Duration.ofMillis(2000), new Backoff(() -> ALMOST_ONE).delay(2));
    }

    @Test
    void neverWaitsMoreThanThirtySeconds() {
        assertEquals(Duration.ofSeconds(15), new Backoff(() -> 0).delay(6));
        assertEquals(Duration.ofSeconds(30), new Backoff(() -> ALMOST_ONE).delay(6));
        assertEquals(Duration.ofSeconds(30), new Backoff(() -> ALMOST_ONE).delay(1000));
    }
}
