package dev.parley.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), 4);

    @Test
    void eachWaitIsTwiceTheOneBeforeUpToTheMaximum() {
        assertEquals(Duration.ofMillis(500), backoff.after(1));
        assertEquals(Duration.ofSeconds(1), backoff.after(2));
        assertEquals(Duration.ofSeconds(2), backoff.after(3));
        assertEquals(Duration.ofSeconds(8), backoff.after(5));
        assertEquals(Duration.ofSeconds(10), backoff.after(6));
        assertEquals(Duration.ofSeconds(10), backoff.after(1000));
    }

    @Test
    void aBatchIsTriedAttemptsTimesInAll() {
        assertTrue(backoff.retries(1));
        assertTrue(backoff.retries(3));
        assertFalse(backoff.retries(4));
    }
}
