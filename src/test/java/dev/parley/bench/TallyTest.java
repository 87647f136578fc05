package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

class TallyTest {
    private final Recorder latency = new Recorder(Tally.LONGEST, 3);
    private final Tally tally = new Tally(1, 2, latency);

    @Test
    void distinctDuplicatesAndOutOfOrderAreCountedPerSender() {
        tally.record(new Marker(1, 0, 0, 0), 1_000_000);
        tally.record(new Marker(1, 0, 2, 0), 2_000_000);
        tally.record(new Marker(1, 0, 1, 0), 3_000_000);  // after 2: out of order
        tally.record(new Marker(1, 0, 2, 0), 4_000_000);  // again: a duplicate
        tally.record(new Marker(1, 1, 0, 0), 5_000_000);  // another sender's first

        assertEquals(4, tally.distinct());
        assertEquals(3, tally.distinctFrom(0));
        assertEquals(1, tally.distinctFrom(1));
        assertEquals(1, tally.duplicates());
        assertEquals(1, tally.outOfOrder());
        Histogram h = latency.getIntervalHistogram();
        assertEquals(4, h.getTotalCount(), "a duplicate has no latency");
        assertEquals(5_000_000, h.getMaxValue(), 5_000);
    }

    @Test
    void aSenderOutOfRangeIsIgnoredAndAHugeLatencyIsCappedNotThrown() {
        tally.record(new Marker(1, 5, 0, 0), 1);
        tally.record(new Marker(1, 0, 0, 0), Tally.LONGEST * 3);
        assertEquals(1, tally.distinct());
        assertEquals(Tally.LONGEST, latency.getIntervalHistogram().getMaxValue(), Tally.LONGEST / 100);
    }
}
