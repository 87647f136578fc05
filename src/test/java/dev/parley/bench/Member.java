package dev.parley.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection of the load client: reads every frame (so no server backs up on it), says when it is open, and
 * counts the markers of the current phase into that phase's tally. Frames that carry history are skipped.
 */
final class Member implements WebSocket.Listener {
    private final Adapter adapter;
    private final Runnable ready;
    private final StringBuilder partial = new StringBuilder();
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

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long now = System.nanoTime();
        String frame;
        if (last && partial.length() == 0) {
            frame = data.toString();
        } else {
            partial.append(data);
            frame = last ? partial.toString() : null;
            if (last) {
                partial.setLength(0);
            }
        }
        if (frame != null) {
            handle(frame, now);
        }
        ws.request(1);
        return null;
    }

    private void handle(String frame, long now) {
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

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        why = "closed " + statusCode + " " + reason;
        closed = true;
        markReady();
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
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
