package dev.parley.access;

/**
 * A connection's rate limit and what follows from breaking it: a {@link TokenBucket} decides whether a
 * frame may pass, and refusals that keep coming end the connection.
 *
 * <p>Refusals count as strikes until a whole second passes without one. Frames admitted in between do
 * not clear them: a client sending just over the rate gets a token now and then, and is still a client
 * that keeps sending after being told to slow down. So the close does not depend on how fast the server
 * happens to read the client's frames.
 */
public final class RateLimiter {
    /** What to do with one frame. */
    public enum Verdict {
        ADMIT,
        REFUSE,
        /** Refuse it, and close the connection: this was the last strike. */
        REFUSE_AND_CLOSE
    }

    private static final long STRIKES_FORGOTTEN_AFTER_NANOS = 1_000_000_000L;

    private final TokenBucket bucket;
    private final int maxStrikes;
    private int strikes;
    private long lastRefusal;

    public RateLimiter(int perSecond, int burst, int maxStrikes, long nowNanos) {
        this.bucket = new TokenBucket(perSecond, burst, nowNanos);
        this.maxStrikes = maxStrikes;
    }

    public synchronized Verdict check(long nowNanos) {
        if (bucket.tryTake(nowNanos)) {
            return Verdict.ADMIT;
        }
        if (nowNanos - lastRefusal > STRIKES_FORGOTTEN_AFTER_NANOS) {
            strikes = 0;
        }
        lastRefusal = nowNanos;
        return ++strikes >= maxStrikes ? Verdict.REFUSE_AND_CLOSE : Verdict.REFUSE;
    }
}
