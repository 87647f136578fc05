package dev.parley.bench;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection of the load client: reads every frame (so no server backs up on it), says when it is open, and
 * counts the markers of the current phase into that phase's tally. Frames that carry history are skipped.
 */
final class Member {
    private final Adapter adapter;
    private final Runnable ready;
    private final AtomicReference<Tally> tally = new AtomicReference<>();
    private boolean seenReady;
    private volatile boolean closed;
    private volatile String why = "";
    private long errors;

    Member(Adapter adapter, Runnable ready) {
        this.adapter = adapter;
        this.ready = ready;
    }

    /** Starts counting for a phase; markers of any other phase are ignored from now on. */
    void count(Tally next) {
        tally.set(next);
    }

    Tally tally() {
        return tally.get();
    }

    boolean closed() {
        return closed;
    }

    /** How the connection ended: a close code and reason, or an error. */
    String why() {
        return why;
    }

    synchronized long errors() {
        return errors;
    }

    /** One whole text frame, as it arrives. */
    void onText(String frame) {
        long now = System.nanoTime();
        if (adapter.isReady(frame)) {
            markReady();
        }
        if (adapter.carriesHistory(frame)) {
            return;
        }
        if (adapter.isError(frame)) {
            synchronized (this) {
                errors++;
            }
            return;
        }
        Marker marker = Marker.find(frame);
        Tally current = tally.get();
        if (marker != null && current != null && current.phase() == marker.phase()) {
            current.record(marker, now);
        }
    }

    void onClose(int statusCode, String reason) {
        why = "closed " + statusCode + " " + reason;
        closed = true;
        markReady();
    }

    void onError(Throwable error) {
        why = String.valueOf(error);
        closed = true;
        markReady();
    }

    /** Ends the opener's wait once; a connection that closed first ends it too, and {@link #closed()} tells. */
    private synchronized void markReady() {
        if (!seenReady) {
            seenReady = true;
            ready.run();
        }
    }
}
