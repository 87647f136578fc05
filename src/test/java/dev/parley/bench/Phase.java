package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One stretch of open-loop load: every sender sends at a fixed rate, each message carrying the time it was due
 * (so a sender that falls behind shows as latency, not as a lower rate), for a fixed time; then the receivers
 * get a bounded time to take what is still on its way, and the phase is counted.
 */
final class Phase {
    private static final AtomicInteger PHASES = new AtomicInteger();
    private static final long HIGHEST = Tally.LONGEST;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private Phase() {
    }

    /** A sending connection; {@code to} is the receiving user of a direct message, or null in a room. */
    record Sender(Link link, int index, String to) {
    }

    /** What a phase measured; latencies in milliseconds, CPU in seconds. */
    record Result(double offered, double achieved, long sent, long deliveries, double p50, double p99,
            double p999, double max, long lost, long duplicates, long outOfOrder, long errors, long sendFailures,
            double seconds, double sentPerSecond, Proc.Cpu server, Proc.Cpu tool) {
        boolean clean() {
            return lost == 0 && duplicates == 0 && errors == 0 && sendFailures == 0;
        }
    }

    /**
     * Runs one phase. In a room every receiver expects every sender's messages; with {@code direct}, receiver i
     * expects only sender i's. {@code ratePerSender} is messages per second per sender.
     */
    static Result run(Adapter adapter, List<Member> receivers, List<Sender> senders, boolean direct,
            double ratePerSender, Duration length, Duration drain, List<Long> serverPids)
            throws InterruptedException {
        int phase = PHASES.incrementAndGet();
        Recorder latency = new Recorder(HIGHEST, 3);
        long errorsBefore = receivers.stream().mapToLong(Member::errors).sum();
        for (Member r : receivers) {
            r.count(new Tally(phase, senders.size(), latency));
        }
        Proc.Cpu serverBefore = Proc.cpu(serverPids);
        Proc.Cpu toolBefore = Proc.cpu(List.of(0L));
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long end = start + length.toNanos();
        long period = (long) (1e9 / ratePerSender);
        long[] sent = new long[senders.size()];
        AtomicInteger sendFailures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            Sender s = senders.get(i);
            int slot = i;
            // senders start spread over one period, not all at once
            long first = start + period * i / senders.size();
            Thread t = new Thread(() -> sent[slot] = send(adapter, s, phase, first, period, end, sendFailures),
                    "sender-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(length.toMillis() + SEND_TIMEOUT.toMillis() + 5_000);
        }
        long sentTotal = 0;
        for (long n : sent) {
            sentTotal += n;
        }
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < drainUntil && missing(receivers, sent, direct) > 0) {
            Thread.sleep(20);
        }
        long finished = System.nanoTime();
        Proc.Cpu server = Proc.cpu(serverPids).minus(serverBefore);
        Proc.Cpu tool = Proc.cpu(List.of(0L)).minus(toolBefore);
        long lost = missing(receivers, sent, direct);
        long duplicates = 0;
        long outOfOrder = 0;
        long deliveries = 0;
        for (Member r : receivers) {
            Tally t = r.tally();
            duplicates += t.duplicates();
            outOfOrder += t.outOfOrder();
            deliveries += t.distinct();
        }
        long errors = receivers.stream().mapToLong(Member::errors).sum() - errorsBefore;
        Histogram h = latency.getIntervalHistogram();
        double seconds = length.toNanos() / 1e9;
        double expectedPerMessage = direct ? 1 : receivers.size();
        return new Result(ratePerSender * senders.size() * expectedPerMessage, deliveries / seconds, sentTotal,
                deliveries, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), lost, duplicates, outOfOrder, errors,
                sendFailures.get(), (finished - start) / 1e9, sentTotal / seconds, server, tool);
    }

    private static long send(Adapter adapter, Sender s, int phase, long first, long period, long end,
            AtomicInteger failures) {
        long seq = 0;
        for (long due = first; due < end; due = first + period * ++seq) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String marker = new Marker(phase, s.index(), seq, due).text();
            String frame = s.to() == null ? adapter.roomFrame(marker) : adapter.directFrame(s.to(), marker);
            try {
                s.link().send(frame).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                failures.incrementAndGet();
                return seq;
            }
        }
        return seq;
    }

    private static long missing(List<Member> receivers, long[] sent, boolean direct) {
        long missing = 0;
        for (int r = 0; r < receivers.size(); r++) {
            Tally t = receivers.get(r).tally();
            if (direct) {
                missing += sent[r] - t.distinctFrom(r);
            } else {
                long expected = 0;
                for (long n : sent) {
                    expected += n;
                }
                missing += expected - t.distinct();
            }
        }
        return missing;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
