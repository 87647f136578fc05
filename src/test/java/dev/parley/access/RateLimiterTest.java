package dev.parley.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.access.RateLimiter.Verdict;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long MS = 1_000_000L;

    @Test
    void theBurstPassesThenFramesAreRefusedAndTheLastStrikeCloses() {
        RateLimiter limiter = new RateLimiter(10, 2, 3, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(0));
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(0));
    }

    @Test
    void framesAdmittedBetweenRefusalsDoNotClearTheStrikes() {
        RateLimiter limiter = new RateLimiter(10, 1, 3, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        // about 17 frames a second against a limit of 10: every other frame finds a token
        assertEquals(Verdict.REFUSE, limiter.check(60 * MS));
        assertEquals(Verdict.ADMIT, limiter.check(120 * MS));
        assertEquals(Verdict.REFUSE, limiter.check(180 * MS));
        assertEquals(Verdict.ADMIT, limiter.check(240 * MS));
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(290 * MS));
    }

    @Test
    void aSecondWithoutRefusalsStartsTheCountAgain() {
        RateLimiter limiter = new RateLimiter(10, 1, 3, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(0));
        assertEquals(Verdict.ADMIT, limiter.check(1001 * MS));
        assertEquals(Verdict.REFUSE, limiter.check(1002 * MS), "strikes forgotten: this is the first again");
        assertEquals(Verdict.REFUSE, limiter.check(1003 * MS));
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(1004 * MS));
    }

    @Test
    void refusalsLessThanASecondApartKeepCounting() {
        RateLimiter limiter = new RateLimiter(1, 1, 3, 0);
        assertEquals(Verdict.ADMIT, limiter.check(0));
        assertEquals(Verdict.REFUSE, limiter.check(100 * MS));
        assertEquals(Verdict.REFUSE, limiter.check(900 * MS));
        assertEquals(Verdict.ADMIT, limiter.check(1200 * MS));
        assertEquals(Verdict.REFUSE_AND_CLOSE, limiter.check(1800 * MS));
    }
}
