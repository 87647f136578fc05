package dev.parley.connection;

/**
 * One connection's liveness: when the client was last heard from, and its heartbeat ping. A ping counts
 * from when it was written, not asked for; a pong may come back before the ping's own write has
 * reported done, so anything heard after the ping was asked for answers it.
 */
final class Heartbeat {
    private volatile long lastHeard = System.nanoTime();
    private volatile long pingAskedAt;
    /** When the last ping was written; 0 until it is. */
    private volatile long pingWrittenAt;

    void heard() {
        lastHeard = System.nanoTime();
    }

    private boolean pingOutstanding() {
        long asked = pingAskedAt;
        return asked != 0 && lastHeard - asked < 0;
    }

    /** Whether a written ping has gone unanswered for longer than {@code timeoutNanos}. */
    boolean unanswered(long now, long timeoutNanos) {
        long written = pingWrittenAt;
        return pingOutstanding() && written != 0 && now - written > timeoutNanos;
    }

    /** Pings through {@code outbox} a client silent for {@code intervalNanos}, if nothing else is being written to it. */
    void pingIfSilent(long now, long intervalNanos, Outbox outbox) {
        if (pingOutstanding() || now - lastHeard < intervalNanos) {
            return;
        }
        pingWrittenAt = 0;
        pingAskedAt = System.nanoTime();
        if (!outbox.ping(() -> pingWrittenAt = System.nanoTime())) {
            pingAskedAt = 0;
        }
    }
}
