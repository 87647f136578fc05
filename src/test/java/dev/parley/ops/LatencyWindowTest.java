package dev.parley.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {
    private static final double[] BOUNDS = {1, 2, 4, 8, Double.POSITIVE_INFINITY};
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRankIsInterpolatedWithinItsBucketAsPrometheusDoes() {
        // 10 values up to 1, 10 in (1, 2], 80 in (2, 4]
        double[] p = LatencyWindow.percentiles(BOUNDS, new long[] {10, 20, 100, 100, 100}, 0.5, 0.99, 0.1);
        assertEquals(2 + 2 * 30 / 80.0, p[0], 1e-9);
        assertEquals(2 + 2 * 79 / 80.0, p[1], 1e-9);
        assertEquals(1.0, p[2], 1e-9);
    }

    @Test
    void pastTheLastBoundTheLastBoundIsTheAnswer() {
        double[] p = LatencyWindow.percentiles(BOUNDS, new long[] {0, 0, 0, 1, 100}, 0.5);
        assertEquals(8.0, p[0]);
    }

    @Test
    void nothingRecordedIsNaN() {
        assertTrue(Double.isNaN(LatencyWindow.percentiles(BOUNDS, new long[5], 0.5)[0]));
    }

    @Test
    void onlyWhatWasRecordedWithinTheSpanCounts() {
        LatencyWindow window = new LatencyWindow(30 * SECOND);
        // a minute of slow deliveries, read every 10 s
        for (int t = 0; t <= 60; t += 10) {
            window.percentiles(t * SECOND, BOUNDS, new long[] {0, 0, 0, t * 10L, t * 10L}, 0.5);
        }
        // then 40 s of fast ones only: the slow ones have left the window
        double[] latest = null;
        for (int t = 70; t <= 100; t += 10) {
            long fast = (t - 60) * 100L;
            latest = window.percentiles(t * SECOND, BOUNDS, new long[] {fast, fast, fast, 600 + fast, 600 + fast}, 0.99);
        }
        assertTrue(latest[0] <= 1.0, "p99 of the last half minute, all fast: " + latest[0]);
    }

    @Test
    void countsThatWentBackAreReadAsTheWholeWindow() {
        LatencyWindow window = new LatencyWindow(30 * SECOND);
        window.percentiles(0, BOUNDS, new long[] {0, 0, 50, 50, 50}, 0.5);
        double[] p = window.percentiles(SECOND, BOUNDS, new long[] {10, 10, 10, 10, 10}, 0.5);
        assertArrayEquals(new double[] {0.5}, p, 1e-9);
    }
}
