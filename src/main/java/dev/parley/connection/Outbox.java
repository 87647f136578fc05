package dev.parley.connection;

import java.util.Iterator;
import java.util.List;

/**
 * The one way frames reach a connection's socket, and the connection's state: bounded, in order, one
 * write in flight, never blocking the caller. The lock guards the queue and the state, never a write.
 *
 * <p>{@code OPENING}: frames are held until {@link #open} puts the welcome first and drops what it
 * covers. {@code OPEN}: frames are written one after another. {@code CLOSING}: no frame is taken; what is
 * queued is written (or, for a client that stopped reading, dropped), then the transport is closed.
 * {@code CLOSED}: nothing more is written.
 *
 * <p>Everything written counts against the limits: the welcome, live frames, each catch-up frame, and
 * bytes the container reports written that the client has not read yet ({@link Transport#unconfirmed}):
 * while those reach the byte limit, nothing more is written.
 */
final class Outbox {
    enum State { OPENING, OPEN, CLOSING, CLOSED }

    /** What happened to an offered frame. */
    enum Offer { QUEUED, DROPPED, OVERFLOWED }

    /** What the outbox tells its connection, outside its lock. */
    interface Events {
        void written(Encoded frame);

        void failed(Throwable failure);
    }

    private final Transport transport;
    private final long maxBytes;
    private final Events events;
    private final FrameQueue queue;
    private final WriteLoop loop;
    private State state = State.OPENING;
    private Close close;
    private Encoded writing;
    private Runnable pinged;
    private final WriteClock clock = new WriteClock();

    Outbox(Transport transport, int maxFrames, long maxBytes, Events events) {
        this.transport = transport;
        this.maxBytes = maxBytes;
        this.events = events;
        this.queue = new FrameQueue(maxFrames, maxBytes);
        this.loop = new WriteLoop(transport, this::afterWrite);
    }

    Offer offer(Encoded frame) {
        Encoded next;
        synchronized (this) {
            if (state == State.CLOSING || state == State.CLOSED || queue.covers(frame)) {
                return Offer.DROPPED;
            }
            if (!queue.add(frame)) {
                return overflowLocked();
            }
            next = takeAndMarkLocked();
        }
        loop.write(next);
        return Offer.QUEUED;
    }

    /** Ends the hold: the welcome first, then {@code catchUp}, then the live frames after {@code covered}. */
    Offer open(List<Encoded> welcome, Iterator<Encoded> catchUp, long covered) {
        Encoded next;
        synchronized (this) {
            if (state != State.OPENING) {
                return Offer.DROPPED;
            }
            state = State.OPEN;
            if (!queue.open(welcome, catchUp, covered)) {
                return overflowLocked();
            }
            next = takeAndMarkLocked();
        }
        loop.write(next);
        return Offer.QUEUED;
    }

    private Offer overflowLocked() {
        if (startClosingLocked(Close.SLOW_CONSUMER, false)) {
            transport.close(Close.SLOW_CONSUMER);
        }
        return Offer.OVERFLOWED;
    }

    /** Writes a heartbeat ping if nothing else is waiting to be written; {@code pinged} runs once it is. */
    boolean ping(Runnable pinged) {
        synchronized (this) {
            if (state != State.OPEN || writing != null || !queue.isEmpty()) {
                return false;
            }
            this.pinged = pinged;
        }
        writeNext();
        return true;
    }

    /** The transport saw the client read what it had written: writing may go on. */
    void resume() {
        Close closeNow;
        synchronized (this) {
            closeNow = finishClosingLocked();
            clock.progressed(hasWorkLocked());
        }
        if (closeNow != null) {
            transport.close(closeNow);
        }
        writeNext();
    }

    /**
     * Takes no more frames and closes the transport with {@code close}: after writing what is queued when
     * {@code afterQueued}, else after the write in flight only. A connection still opening has been written
     * nothing and closes at once. False when it was already closing.
     */
    boolean close(Close close, boolean afterQueued) {
        boolean closeNow;
        synchronized (this) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return false;
            }
            closeNow = startClosingLocked(close, afterQueued);
        }
        if (closeNow) {
            transport.close(close);
        } else {
            writeNext();
        }
        return true;
    }

    /** Closes at once, dropping what waits; false when it was closed already. */
    boolean abort(Close close) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return false;
            }
            if (state != State.CLOSING) {
                this.close = close;
            }
            state = State.CLOSED;
            queue.clear();
        }
        transport.abort(close);
        return true;
    }

    /** The socket is gone: nothing more is written. Answers the close value Parley chose, or null. */
    synchronized Close gone() {
        state = State.CLOSED;
        queue.clear();
        return close;
    }

    /** @return whether the transport can be closed at once (nothing is in flight or left to write) */
    private boolean startClosingLocked(Close close, boolean afterQueued) {
        this.close = close;
        clock.closing();
        if (!afterQueued || state == State.OPENING) {
            queue.clear();
        }
        queue.dropBacklog();
        state = State.CLOSING;
        return finishClosingLocked() != null;
    }

    /** The close to make now that nothing is left to write, or null. */
    private Close finishClosingLocked() {
        if (state == State.CLOSING && writing == null && queue.isEmpty()) {
            state = State.CLOSED;
            return close;
        }
        return null;
    }

    private void writeNext() {
        Encoded next;
        synchronized (this) {
            next = takeAndMarkLocked();
        }
        loop.write(next);
    }

    /** The next frame to write, taken under the one lock the caller holds already. */
    private Encoded takeAndMarkLocked() {
        Encoded next = takeLocked();
        clock.busy(hasWorkLocked());
        return next;
    }

    private Encoded takeLocked() {
        if (writing != null || state == State.OPENING || state == State.CLOSED || transport.unconfirmed() >= maxBytes) {
            return null;
        }
        Encoded next = queue.take();
        writing = next == null && pinged != null ? WriteLoop.PING : next;
        return writing;
    }

    private Encoded afterWrite(Encoded written, Throwable failure) {
        Encoded next = null;
        Close closeNow = null;
        Close release = null;
        Runnable ping = null;
        synchronized (this) {
            writing = null;
            if (written == WriteLoop.PING) {
                ping = pinged;
                pinged = null;
            }
            if (failure != null) {
                if (state != State.CLOSED) {
                    // a failed write leaves the session open in the container (Tomcat keeps it, buffers and
                    // all, until it is closed): it is let go here, as an abort would
                    release = close != null ? close : Close.LOST;
                }
                state = State.CLOSED;
                queue.clear();
            } else {
                next = takeLocked();
                closeNow = finishClosingLocked();
            }
            clock.progressed(hasWorkLocked());
        }
        if (failure != null) {
            if (release != null) {
                transport.abort(release);
            }
            events.failed(failure);
            return null;
        }
        if (ping != null) {
            ping.run();
        } else {
            events.written(written);
            if (written.written() != Encoded.NOTHING) {
                transport.afterRead(written.written());
            }
        }
        if (closeNow != null) {
            transport.close(closeNow);
        }
        return next;
    }

    private boolean hasWorkLocked() {
        return writing != null || !queue.isEmpty();
    }

    synchronized State state() {
        return state;
    }

    /** The close value once closing, else null. */
    synchronized Close closeValue() {
        return close;
    }

    /** How long the outbox has had work without making progress, in nanoseconds; 0 when idle. */
    synchronized long stalledFor(long now) {
        return clock.stalledFor(now);
    }

    /** How long ago it began closing, in nanoseconds; 0 when it has not. */
    synchronized long closingFor(long now) {
        return clock.closingFor(now, state == State.CLOSING || state == State.CLOSED);
    }

    /** Frames waiting, including the one being written. */
    synchronized int depth() {
        return queue.size() + (writing != null ? 1 : 0);
    }

    synchronized long queuedBytes() {
        return queue.bytes();
    }
}
