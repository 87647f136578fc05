package dev.parley.outbox;

import dev.parley.wire.CloseCodes;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one way frames reach a connection's socket: bounded, ordered and never blocking the caller.
 *
 * <p>At most one write is in flight; the next starts when the previous one completes. The lock guards
 * only the queue, never a write. A connection whose queue would pass its frame or byte limit is closed
 * with 4408, so a slow reader costs the others nothing but its own bounded queue.
 *
 * <p>A write completes when the container has taken the frame, which is not always when the socket has:
 * Tomcat completes it once the socket took it, but Tyrus (Payara) hands it at once to Grizzly's own write
 * queue, which takes megabytes from a client that reads nothing. So over a transport that {@link
 * Transport#pingsInOrder pings in order}, written bytes count until the client has shown it read them:
 * after every quarter of the byte limit written, a ping goes out behind them, and its pong (which the
 * client can only send once it has read everything before the ping) confirms them. A connection whose
 * written but unread bytes would pass {@link #UNREAD_LIMITS} byte limits is closed with 4408 too.
 *
 * <p>An outbox may start <em>held</em>: it queues stream frames without writing them until
 * {@link #release} puts the connection's welcome first and drops the frames the welcome already covers.
 */
public final class Outbox {
    /** Limits on what may wait for the socket. */
    public record Limits(int frames, long bytes) {
    }

    /**
     * Written but unread bytes may reach this many byte limits: room for the pongs of a client that reads
     * at full speed to come back (a ping goes out after every quarter of one limit).
     */
    static final int UNREAD_LIMITS = 4;

    /** Stands in the write loop for a ping; never queued. */
    private static final Encoded PING = new Encoded("", 0, 0, "ping", null);

    private final Transport transport;
    private final Limits limits;
    private final OutboxEvents events;
    private final boolean confirming;
    private final long pingEvery;
    private final long unreadLimit;
    private final ArrayDeque<Encoded> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean held;
    private boolean writing;
    /** No more frames are taken; what is queued may still be written before a pending close. */
    private boolean closing;
    /** Nothing more is written. */
    private boolean closed;
    private int closeCode;
    private String closeReason;
    /** Bytes whose writes completed, and how many of them the client has confirmed reading. */
    private long written;
    private long confirmed;
    /** The outstanding ping: its number and the bytes written before it (-1 when none is outstanding). */
    private long pingNumber;
    private long pingCovers = -1;

    public Outbox(Transport transport, Limits limits, boolean held) {
        this(transport, limits, held, OutboxEvents.NONE);
    }

    public Outbox(Transport transport, Limits limits, boolean held, OutboxEvents events) {
        this.transport = transport;
        this.limits = limits;
        this.held = held;
        this.events = events;
        this.confirming = transport.pingsInOrder();
        this.pingEvery = Math.max(1, limits.bytes() / 4);
        this.unreadLimit = limits.bytes() > Long.MAX_VALUE / UNREAD_LIMITS ? Long.MAX_VALUE : UNREAD_LIMITS * limits.bytes();
    }

    /** Queues a frame; false when the outbox is closed, or this frame overflowed it and closed it. */
    public boolean offer(Encoded frame) {
        Encoded first = null;
        boolean overflowed;
        synchronized (this) {
            if (closing) {
                return false;
            }
            overflowed = queue.size() + 1 > limits.frames() || queuedBytes + frame.bytes() > limits.bytes()
                    || confirming && written - confirmed + frame.bytes() > unreadLimit;
            if (overflowed) {
                discard();
            } else {
                queue.add(frame);
                queuedBytes += frame.bytes();
                first = takeNextLocked();
            }
        }
        if (overflowed) {
            events.overflowed();
            transport.closeWhenRead(CloseCodes.SLOW_CONSUMER, "outbound queue overflowed");
            return false;
        }
        if (first != null) {
            write(first);
        }
        return true;
    }

    /**
     * Ends the hold: writes {@code head} first, then the queued frames whose stream position is after
     * {@code covered}. Frames outside any stream (seq 0) are kept.
     */
    public void release(List<Encoded> head, long covered) {
        Encoded first;
        synchronized (this) {
            if (closed || !held) {
                return;
            }
            queue.removeIf(f -> {
                boolean drop = f.seq() != 0 && f.seq() <= covered;
                if (drop) {
                    queuedBytes -= f.bytes();
                }
                return drop;
            });
            for (int i = head.size() - 1; i >= 0; i--) {
                queue.addFirst(head.get(i));
                queuedBytes += head.get(i).bytes();
            }
            held = false;
            first = takeNextLocked();
        }
        if (first != null) {
            write(first);
        }
    }

    /**
     * The client answered a ping with {@code payload}: if it is the outstanding one, every byte written
     * before it has been read.
     */
    public void ponged(byte[] payload) {
        Encoded first;
        synchronized (this) {
            if (pingCovers < 0 || payload.length != Long.BYTES || ByteBuffer.wrap(payload).getLong() != pingNumber) {
                return;
            }
            confirmed = pingCovers;
            pingCovers = -1;
            first = takeNextLocked();
        }
        if (first != null) {
            write(first);
        }
    }

    /** Stops writing and drops what waits; the socket itself is closed by whoever called this. */
    public synchronized void discard() {
        closing = true;
        closed = true;
        queue.clear();
        queuedBytes = 0;
    }

    /**
     * Takes no more frames, writes those already queued, then closes the connection with {@code code}:
     * a client told why it is closed also gets what was said to it before. A held outbox, whose connection
     * is still being opened and has been written nothing, closes at once.
     */
    public void closeAfterPending(int code, String reason) {
        boolean now;
        boolean opening;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            closeCode = code;
            closeReason = reason;
            opening = held;
            if (held) {
                queue.clear();
                queuedBytes = 0;
            }
            now = !writing && queue.isEmpty();
            closed = now;
        }
        if (opening) {
            transport.closeOpening(code, reason);
        } else if (now) {
            transport.closeWhenRead(code, reason);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Frames waiting, including the one being written. */
    public synchronized int depth() {
        return queue.size() + (writing ? 1 : 0);
    }

    private Encoded takeNextLocked() {
        if (writing || held || closed) {
            return null;
        }
        if (confirming && !closing && pingCovers < 0 && written - confirmed >= pingEvery) {
            writing = true;
            pingNumber++;
            pingCovers = written;
            return PING;
        }
        Encoded next = queue.poll();
        if (next != null) {
            writing = true;
            queuedBytes -= next.bytes();
        }
        return next;
    }

    /**
     * Writes frames one after another. A transport may complete a write on the calling thread; such a
     * completion hands the next frame back to this loop instead of recursing, so the stack stays flat.
     */
    private void write(Encoded frame) {
        Encoded next = frame;
        while (next != null) {
            Completion completion = new Completion(next);
            if (next == PING) {
                long number;
                synchronized (this) {
                    number = pingNumber;
                }
                transport.ping(ByteBuffer.allocate(Long.BYTES).putLong(number).array(), completion);
            } else {
                transport.send(next.text(), completion);
            }
            next = completion.returned();
        }
    }

    private Encoded afterWrite(Encoded written, Throwable failure) {
        if (failure == null && written != PING) {
            events.written(written);
        }
        Encoded next;
        if (failure != null) {
            synchronized (this) {
                writing = false;
                discard();
            }
            events.failed(failure);
            return null;
        }
        synchronized (this) {
            writing = false;
            this.written += written.bytes();
            next = takeNextLocked();
            if (next != null || !closing || closed) {
                return next;
            }
            closed = true;
        }
        transport.closeWhenRead(closeCode, closeReason);
        return null;
    }

    /** Tracks whether a write completed before or after {@link Transport#send} returned. */
    private final class Completion implements Consumer<Throwable> {
        private static final int PENDING = 0;
        private static final int SEND_RETURNED = 1;
        private static final int COMPLETED_EARLY = 2;

        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final Encoded frame;
        private Encoded nextForLoop;

        Completion(Encoded frame) {
            this.frame = frame;
        }

        @Override
        public void accept(Throwable failure) {
            Encoded next = afterWrite(frame, failure);
            nextForLoop = next;
            if (!state.compareAndSet(PENDING, COMPLETED_EARLY) && next != null) {
                write(next);
            }
        }

        /** Called once send has returned: the next frame for the loop, or null if the completion carries on. */
        Encoded returned() {
            return state.compareAndSet(PENDING, SEND_RETURNED) ? null : nextForLoop;
        }
    }
}
