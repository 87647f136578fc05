package dev.parley.connection;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * What waits to be written to one connection, in the order it goes out: the welcome, then the catch-up
 * backlog (taken one frame at a time, so it is encoded only as the socket drains), then live frames.
 * Bounded in frames and bytes; not thread-safe: its {@link Outbox} guards it.
 */
final class FrameQueue {
    private final int maxFrames;
    private final long maxBytes;
    private final ArrayDeque<Encoded> queue = new ArrayDeque<>();
    private long bytes;
    /** How many frames at the head are the welcome, written before the backlog. */
    private int welcomeLeft;
    private Iterator<Encoded> backlog = Collections.emptyIterator();
    /** The stream position the welcome covered: stream frames at or below it are not taken. */
    private long covered;

    FrameQueue(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Whether the welcome already carried what {@code frame} says. */
    boolean covers(Encoded frame) {
        return frame.seq() != 0 && frame.seq() <= covered;
    }

    /** Adds a live frame; false, adding nothing, when it would pass a limit. */
    boolean add(Encoded frame) {
        if (queue.size() + 1 > maxFrames || bytes + frame.bytes() > maxBytes) {
            return false;
        }
        queue.add(frame);
        bytes += frame.bytes();
        return true;
    }

    /**
     * Puts the welcome first and the backlog after it, and drops the queued frames the welcome covers;
     * false when the welcome and what is queued pass a limit.
     */
    boolean open(List<Encoded> welcome, Iterator<Encoded> catchUp, long coveredSeq) {
        covered = coveredSeq;
        queue.removeIf(f -> {
            boolean drop = covers(f);
            if (drop) {
                bytes -= f.bytes();
            }
            return drop;
        });
        for (int i = welcome.size() - 1; i >= 0; i--) {
            queue.addFirst(welcome.get(i));
            bytes += welcome.get(i).bytes();
        }
        welcomeLeft = welcome.size();
        backlog = catchUp;
        return queue.size() <= maxFrames && bytes <= maxBytes;
    }

    /** The next frame to write, or null. */
    Encoded take() {
        Encoded next;
        if (welcomeLeft > 0) {
            welcomeLeft--;
            next = queue.poll();
        } else if (backlog.hasNext()) {
            return backlog.next();
        } else {
            backlog = Collections.emptyIterator(); // an ended backlog is asked once, not before every frame
            next = queue.poll();
        }
        if (next != null) {
            bytes -= next.bytes();
        }
        return next;
    }

    /** Forgets the backlog: what it still held was never written, so it stays pending where it came from. */
    void dropBacklog() {
        backlog = Collections.emptyIterator();
    }

    void clear() {
        queue.clear();
        bytes = 0;
        welcomeLeft = 0;
        dropBacklog();
    }

    boolean isEmpty() {
        return queue.isEmpty() && !backlog.hasNext();
    }

    int size() {
        return queue.size();
    }

    long bytes() {
        return bytes;
    }
}
