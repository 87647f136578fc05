package dev.parley.broker.redis;

import java.util.function.Consumer;

/**
 * Keeps one channel's deliveries in its stream's order although pub/sub is at most once. It runs in the
 * channel's lane only (never on Lettuce's event loop), one step at a time. It remembers the last position
 * delivered; an event past the next position is a gap, filled from the stream before the event is
 * delivered. Positions missing from the stream and newer than its newest trimmed one were presence
 * events (a room's history holds messages only): they are skipped, as presence is not replayed. A gap
 * that reaches into what the stream no longer keeps, an epoch that changed, or a stream that went back
 * (Redis came back with fewer events than were delivered: the same position again, at a later time)
 * cannot be repaired: then {@code lost} runs, and delivery goes on from the stream's position now.
 */
final class StreamOrder<E> {
    private static final System.Logger LOG = System.getLogger(StreamOrder.class.getName());

    private final String name;
    private final StreamSource<E> source;
    private final Consumer<E> deliver;
    private final Runnable lost;
    /** The last position delivered, or null before the first (or right after a loss). */
    private volatile Stamped<E> last;
    /** The stream's position up to which the last check found nothing missing (presence skipped). */
    private volatile long checked;

    StreamOrder(String name, StreamSource<E> source, Consumer<E> deliver, Runnable lost) {
        this.name = name;
        this.source = source;
        this.deliver = deliver;
        this.lost = lost;
    }

    /** The last position delivered, read from any thread: null before the first. */
    Stamped<E> last() {
        return last;
    }

    /** Whether the stream in Redis is where this node last left it: then a check has nothing to do. */
    boolean caughtUp(String epoch, long seq) {
        Stamped<E> at = last;
        return at == null || at.epoch().equals(epoch) && (seq == at.seq() || seq == checked);
    }

    /** Where this node starts: the stream's position right after the channel was subscribed. */
    void start(String epoch, long seq) {
        if (last == null && !epoch.isEmpty()) {
            last = new Stamped<>(epoch, seq, 0, null);
        }
    }

    /** An event from pub/sub. */
    void received(Stamped<E> event) {
        Stamped<E> at = last;
        if (at == null) {
            pass(event);
        } else if (!event.epoch().equals(at.epoch())) {
            LOG.log(System.Logger.Level.WARNING, "{0}: the stream''s epoch changed; its listeners resume", name);
            lose();
            pass(event);
        } else if (event.seq() <= at.seq()) {
            if (at.micros() > 0 && event.micros() > at.micros()) {
                wentBack(at.epoch());
            }
            // else a late copy of an event that gap repair delivered already
        } else {
            if (event.seq() > at.seq() + 1 && !fill(at, event.seq())) {
                lose();
            }
            pass(event);
        }
    }

    /**
     * Compares with the stream in Redis: fills what this node missed (after a pub/sub reconnect, or in a
     * room that went quiet), or finds a stream that lost events this node delivered.
     */
    void check() {
        Stamped<E> at = last;
        if (at == null) {
            return;
        }
        StreamSource.Fill<E> fill = source.since(at.seq(), 0);
        if (!fill.epoch().equals(at.epoch())) {
            LOG.log(System.Logger.Level.WARNING, "{0}: the stream''s epoch changed; its listeners resume", name);
            lose();
            last = fill.epoch().isEmpty() ? null : new Stamped<>(fill.epoch(), fill.seq(), 0, null);
        } else if (fill.seq() < at.seq()) {
            wentBack(at.epoch());
        } else if (fill.seq() > at.seq()) {
            if (deliver(at, fill, fill.seq() + 1)) {
                checked = fill.seq();
            } else {
                lose();
                last = new Stamped<>(fill.epoch(), fill.seq(), 0, null);
            }
        }
    }

    /**
     * Redis came back with fewer events than this node delivered: the stream gets a new epoch, so that
     * ids from before read as unknown.
     */
    void wentBack(String epoch) {
        Stamped<E> at = last;
        if (at == null || !at.epoch().equals(epoch)) {
            return;
        }
        String fresh = source.renew(epoch);
        LOG.log(System.Logger.Level.WARNING, "{0}: the stream lost events it had streamed; new epoch {1}",
                name, fresh);
        lose();
        last = null;
    }

    /** Fills the positions after {@code at} and before {@code before}: false when some cannot be. */
    private boolean fill(Stamped<E> at, long before) {
        StreamSource.Fill<E> fill = source.since(at.seq(), before);
        return fill.epoch().equals(at.epoch()) && deliver(at, fill, before);
    }

    /** Delivers the fill unless it misses a position the stream no longer keeps; false then. */
    private boolean deliver(Stamped<E> at, StreamSource.Fill<E> fill, long before) {
        long expected = at.seq() + 1;
        long firstMissing = -1;
        for (Stamped<E> event : fill.events()) {
            if (event.seq() > expected && firstMissing < 0) {
                firstMissing = expected;
            }
            expected = event.seq() + 1;
        }
        if (expected < before && firstMissing < 0) {
            firstMissing = expected;
        }
        if (firstMissing > 0 && firstMissing <= fill.dropped()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: events after {1} are gone from the stream; its listeners"
                    + " resume", name, at.seq());
            return false;
        }
        if (!fill.events().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1} events pub/sub did not bring were filled from the stream",
                    name, fill.events().size());
        }
        for (Stamped<E> event : fill.events()) {
            pass(event);
        }
        return true;
    }

    private void pass(Stamped<E> event) {
        last = event;
        deliver.accept(event.event());
    }

    private void lose() {
        try {
            lost.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": a listener failed on a lost stream", e);
        }
    }
}
