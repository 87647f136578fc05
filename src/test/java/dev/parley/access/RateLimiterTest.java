package dev.parley.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.access.RateLimiter.Verdict;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    @Test
    void theBurstPassesThenTheTwentiethQuickRefusalCloses() {
        RateLimiter limiter = new RateLimiter(10, 5, 20, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ADMIT, limiter.check(0), "burst frame " + i);
        }
        for (int i = 1; i < 20; i++) {
            assertEquals(Verdict.REFUSE, limiter.check(0), "refusal " + i);
        }
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(0), "exactly maxStrikes refusals");
    }

    @Test
    void theStrikesCanBeOne() {
        RateLimiter limiter = new RateLimiter(10, 1, 1, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(0), "the first refusal is the last strike");
    }

    @Test
    void aClientThatWaitsAfterEachRefusalIsNeverClosed() {
        int rate = 10;
        long politeWait = SECOND / rate;
        RateLimiter limiter = new RateLimiter(rate, 5, 3, 0);
        long now = 0;
        int refusals = 0;
        int admitted = 0;
        for (int frame = 0; frame < 100_000; frame++) {
            Verdict verdict = limiter.check(now);
            assertTrue(verdict != Verdict.REFUSE_AND_CLOSE, "closed at frame " + frame);
            if (verdict == Verdict.REFUSE) {
                refusals++;
                now += politeWait; // waits exactly one frame's worth, then goes on at full speed
            } else {
                admitted++;
                now += MS;
            }
        }
        assertTrue(refusals > 10_000, "it hit the limit over and over: " + refusals);
        assertTrue(admitted > 10_000);
    }

    @Test
    void aClientThatWaitsAtLeastOneFrameAfterARefusalHasItsStrikesCleared() {
        RateLimiter limiter = new RateLimiter(10, 1, 3, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(10 * MS), "two strikes");
        assertEquals(Verdict.ADMIT, limiter.check(120 * MS), "waited 110 ms: strikes cleared");
        assertEquals(Verdict.REFUSE, limiter.check(121 * MS), "a new first strike");
        assertEquals(Verdict.REFUSE, limiter.check(122 * MS));
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(123 * MS));
    }

    @Test
    void aRefusedFrameAfterAPoliteWaitIsTheFirstStrikeAgain() {
        RateLimiter limiter = new RateLimiter(1, 1, 2, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(100 * MS), "strike 1");
        // waits a full second: a token is back, the strikes are cleared
        assertEquals(Verdict.ADMIT, limiter.check(1100 * MS));
        assertEquals(Verdict.REFUSE, limiter.check(2050 * MS), "950 ms after the admit: refused, but polite");
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(2060 * MS), "10 ms after that refusal: strike 2");
    }

    @Test
    void aClientAtTwiceTheRateIsClosedWithinABoundedNumberOfFrames() {
        assertClosedSoon(SECOND / 20); // 50 ms apart against 10 a second
    }

    @Test
    void aClientAtMoreThanTwiceTheRateIsClosedWithinABoundedNumberOfFrames() {
        assertClosedSoon(49 * MS);
        assertClosedSoon(40 * MS);
        assertClosedSoon(MS);
        assertClosedSoon(0);
    }

    /** A client that sends a frame every {@code interval} against 10 a second, a burst of 20 and 20 strikes. */
    private static void assertClosedSoon(long interval) {
        int rate = 10;
        int burst = 20;
        int strikes = 20;
        RateLimiter limiter = new RateLimiter(rate, burst, strikes, 0);
        long firstRefusal = -1;
        long closedAt = -1;
        int frames = 0;
        for (long now = 0; frames < 10_000; now += interval) {
            frames++;
            Verdict verdict = limiter.check(now);
            if (verdict != Verdict.ADMIT && firstRefusal < 0) {
                firstRefusal = now;
            }
            if (verdict == Verdict.REFUSE_AND_CLOSE) {
                closedAt = now;
                break;
            }
        }
        assertTrue(closedAt >= 0, "a frame every " + interval + " ns was never closed in " + frames + " frames");
        // the burst lasts at most 2 * burst frames (half a token lost per frame); then every frame is a strike
        assertTrue(frames <= 2 * burst + strikes + 2, "closed after " + frames + " frames");
        assertTrue(closedAt - firstRefusal <= 2 * SECOND,
                "closed " + (closedAt - firstRefusal) / MS + " ms after the first refusal");
    }

    @Test
    void framesAdmittedSoonAfterARefusalCountAsStrikes() {
        RateLimiter limiter = new RateLimiter(10, 1, 3, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(90 * MS), "0.9 tokens: strike 1");
        assertEquals(Verdict.ADMIT, limiter.check(105 * MS), "a token is back, but only 15 ms later: strike 2");
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(110 * MS), "strike 3");
    }

    @Test
    void anAdmittedFrameThatReachesTheLimitDoesNotCloseButTheNextQuickRefusalDoes() {
        RateLimiter limiter = new RateLimiter(10, 1, 2, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(90 * MS), "strike 1");
        assertEquals(Verdict.ADMIT, limiter.check(105 * MS), "strike 2, but admitted: only a refusal closes");
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(110 * MS), "strike 3");
    }
}
