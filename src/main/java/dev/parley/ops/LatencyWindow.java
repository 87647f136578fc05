package dev.parley.ops;

import java.util.ArrayDeque;

/**
 * Percentiles of the delivery latency over about the last half minute, read from the cumulative bucket
 * counts of its histogram: what {@code histogram_quantile} computes from the same buckets in Prometheus
 * (linear within the bucket that holds the rank). Kept this way so that recording a delivery is a few
 * lock-free increments; only a reader (the monitor, once a second) does any work.
 */
final class LatencyWindow {
    private record Counts(long nanos, long[] cumulative) {
    }

    private final long spanNanos;
    private final ArrayDeque<Counts> kept = new ArrayDeque<>();

    LatencyWindow(long spanNanos) {
        this.spanNanos = spanNanos;
    }

    /**
     * The percentiles ({@code quantiles} in 0..1) of what was recorded between the oldest reading within the
     * span and this one, in the bounds' unit; NaN when nothing was.
     *
     * @param bounds     the buckets' upper bounds, ascending
     * @param cumulative how many values were recorded at or below each bound, ever
     */
    synchronized double[] percentiles(long nanos, double[] bounds, long[] cumulative, double... quantiles) {
        Counts now = new Counts(nanos, cumulative.clone());
        while (kept.size() > 1 && nanos - kept.peekFirst().nanos() > spanNanos) {
            kept.pollFirst();
        }
        Counts base = kept.peekFirst();
        kept.addLast(now);
        long[] window = new long[cumulative.length];
        for (int i = 0; i < cumulative.length; i++) {
            window[i] = base == null || base.cumulative().length != cumulative.length
                    ? cumulative[i] : cumulative[i] - base.cumulative()[i];
            if (window[i] < 0) { // the histogram was reset or rotated: what it holds now is the window
                return percentiles(bounds, cumulative, quantiles);
            }
        }
        return percentiles(bounds, window, quantiles);
    }

    static double[] percentiles(double[] bounds, long[] cumulative, double... quantiles) {
        double[] values = new double[quantiles.length];
        long total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
        for (int q = 0; q < quantiles.length; q++) {
            values[q] = total == 0 ? Double.NaN : quantile(bounds, cumulative, quantiles[q] * total);
        }
        return values;
    }

    /**
     * The value of the given rank, interpolated within its bucket; in an unbounded last bucket, that
     * bucket's lower bound.
     */
    private static double quantile(double[] bounds, long[] cumulative, double rank) {
        long before = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= rank && cumulative[i] > before) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                if (Double.isInfinite(bounds[i])) {
                    return lower;
                }
                return lower + (bounds[i] - lower) * (rank - before) / (cumulative[i] - before);
            }
            before = cumulative[i];
        }
        return bounds[bounds.length - 1];
    }
}
