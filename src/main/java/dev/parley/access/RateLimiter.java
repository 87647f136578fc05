package dev.parley.access;

/**
 * A connection's rate limit and what follows from breaking it: a {@link TokenBucket} decides whether a
 * frame may pass, and a client that ignores the refusals is closed.
 *
 * <p>A client that respects a refusal waits before sending again: at least one frame's worth of the
 * rate (1/rate). A refusal is a strike, and so is the frame right after it if it comes sooner than that,
 * admitted or not; the refusal that reaches the limit of strikes closes the connection. A frame that
 * waited after a refusal clears the strikes. So a client that backs off after each error is never closed however often it hits the limit,
 * and one that keeps sending at twice the rate or more is closed within a second or two of using up its
 * burst, however fast the server happens to read its frames.
 */
public final class RateLimiter {
    /** What to do with one frame. */
    public enum Verdict {
        ADMIT,
        REFUSE,
        /** Refuse it, and close the connection: this was the last strike. */
        REFUSE_AND_CLOSE
    }

    private final TokenBucket bucket;
    private final int maxStrikes;
    private final long politeWaitNanos;
    private int strikes;
    private long lastRefusal;
    private boolean lastWasRefused;

    public RateLimiter(int perSecond, int burst, int maxStrikes, long nowNanos) {
        this.bucket = new TokenBucket(perSecond, burst, nowNanos);
        this.maxStrikes = maxStrikes;
        this.politeWaitNanos = 1_000_000_000L / perSecond;
    }

    public synchronized Verdict check(long nowNanos) {
        // only the frame right after a refusal shows whether the client waited
        boolean quick = lastWasRefused && nowNanos - lastRefusal < politeWaitNanos;
        if (quick) {
            strikes++;
        } else if (lastWasRefused) {
            strikes = 0;
        }
        if (bucket.tryTake(nowNanos)) {
            lastWasRefused = false;
            return Verdict.ADMIT;
        }
        if (!quick) {
            strikes++;
        }
        lastWasRefused = true;
        lastRefusal = nowNanos;
        return strikes >= maxStrikes ? Verdict.REFUSE_AND_CLOSE : Verdict.REFUSE;
    }
}
