package dev.parley.connection;

/**
 * How long an outbox has had work without making progress, and how long it has been closing: what the
 * heartbeat reads to find a client that stopped reading. Guarded by its outbox's lock.
 */
final class WriteClock {
    /** When the outbox last made progress while it had work to do; 0 while it has none. */
    private long busySince;
    private long closingSince;

    /** Work arrived: the clock starts, unless it runs already. */
    void busy(boolean hasWork) {
        if (busySince == 0 && hasWork) {
            busySince = System.nanoTime();
        }
    }

    /** A write completed (or the client confirmed reading): counted again from now, while work is left. */
    void progressed(boolean hasWork) {
        busySince = hasWork ? System.nanoTime() : 0;
    }

    void closing() {
        closingSince = System.nanoTime();
    }

    /** In nanoseconds; 0 when idle. */
    long stalledFor(long now) {
        return busySince == 0 ? 0 : now - busySince;
    }

    /** In nanoseconds since {@link #closing}; 0 when {@code closing} is false. */
    long closingFor(long now, boolean closing) {
        return closing ? now - closingSince : 0;
    }
}
