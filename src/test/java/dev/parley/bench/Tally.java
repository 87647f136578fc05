package dev.parley.bench;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * What one receiver got in one phase, per sender: distinct sequence numbers (so loss is what was sent minus
 * these), duplicates, and messages that came after a later one of the same sender. Latency of every delivery
 * goes to the phase's shared recorder.
 */
final class Tally {
    /** Latencies above this are counted as this (the recorder's range). */
    static final long LONGEST = TimeUnit.SECONDS.toNanos(60);
    private final int phase;
    private final Recorder latency;
    private final BitSet[] seen;
    private final long[] highest;
    private long distinct;
    private long duplicates;
    private long outOfOrder;

    Tally(int phase, int senders, Recorder latency) {
        this.phase = phase;
        this.latency = latency;
        this.seen = new BitSet[senders];
        this.highest = new long[senders];
        for (int s = 0; s < senders; s++) {
            seen[s] = new BitSet();
            highest[s] = -1;
        }
    }

    int phase() {
        return phase;
    }

    synchronized void record(Marker m, long now) {
        if (m.sender() < 0 || m.sender() >= seen.length || m.seq() > Integer.MAX_VALUE) {
            return;
        }
        int seq = (int) m.seq();
        BitSet s = seen[m.sender()];
        if (s.get(seq)) {
            duplicates++;
            return;
        }
        s.set(seq);
        distinct++;
        if (seq < highest[m.sender()]) {
            outOfOrder++;
        } else {
            highest[m.sender()] = seq;
        }
        latency.recordValue(Math.min(LONGEST, Math.max(0, now - m.dueNanos())));
    }

    synchronized long distinct() {
        return distinct;
    }

    synchronized long distinctFrom(int sender) {
        return seen[sender].cardinality();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }
}
