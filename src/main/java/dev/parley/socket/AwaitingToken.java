package dev.parley.socket;

import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.Place;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A session that opened without a token while one is needed: it may still send it as its first frame,
 * {@code {"type":"auth"}}, within the auth timeout. Until then it is no connection yet: it joins nothing and
 * is told nothing. Settled once, by that frame, by the timeout or by the session's end, whichever comes first.
 */
final class AwaitingToken {
    private final EndpointKind kind;
    private final Consumer<Connection> join;
    private final Place place;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    AwaitingToken(EndpointKind kind, Consumer<Connection> join, Place place) {
        this.kind = kind;
        this.join = join;
        this.place = place;
    }

    /** Its place in the node's limits, held until it proves who it is or ends. */
    Place place() {
        return place;
    }

    EndpointKind kind() {
        return kind;
    }

    /** What joins the connection once it has proved who it is. */
    Consumer<Connection> join() {
        return join;
    }

    void timeout(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
        if (settled.get()) {
            timeout.cancel(false);
        }
    }

    /** True for the one caller that settles it; the timeout, if set, is cancelled. */
    boolean settle() {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
        return true;
    }
}
