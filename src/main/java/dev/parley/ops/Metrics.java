package dev.parley.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What Parley counts, in Parley's words: the rules report events here and never see the metrics
 * library. Every meter is named {@code parley.*}; docs/OPERATIONS.md lists them.
 */
public final class Metrics {
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter overflows;
    private final Map<String, Counter> framesIn = new ConcurrentHashMap<>();
    private final Map<String, Counter> framesOut = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    /** Parley's own close codes (docs/protocol.md), and 4403, which applications use to refuse a user. */
    private static final Set<Integer> KNOWN_CLOSE_CODES = Set.of(4400, 4401, 4403, 4408, 4429);
    private final Map<String, Counter> closes = new ConcurrentHashMap<>();
    private final Map<Boolean, Counter> direct = new ConcurrentHashMap<>();
    private final Map<String, Counter> apiCalls = new ConcurrentHashMap<>();
    private final Map<String, Timer> apiTimes = new ConcurrentHashMap<>();
    private final Map<String, Timer> hookCalls = new ConcurrentHashMap<>();
    private final LatencyWindow latencyWindow = new LatencyWindow(TimeUnit.SECONDS.toNanos(30));

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("parley.delivery.latency")
                .description("From a message's acceptance by the server to its write to a receiver's socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .distributionStatisticExpiry(Duration.ofSeconds(30))
                .distributionStatisticBufferLength(3)
                .register(registry);
        this.overflows = Counter.builder("parley.outbox.overflows")
                .description("Connections closed with 4408 because their outbox overflowed").register(registry);
    }

    /** {@code parley_build_info{version=".."} 1}: which version runs, to join on or to chart across a rollout. */
    public void buildInfo(String version) {
        Gauge.builder("parley.build.info", () -> 1).description("The running Parley's version, as a label; always 1")
                .tag("version", version).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A frame from a client: {@code message}, {@code ping}, {@code invalid} or {@code echo}. */
    public void frameIn(String type) {
        Counter in = framesIn.get(type);
        if (in == null) {
            in = framesIn.computeIfAbsent(type, t -> Counter.builder("parley.frames.in")
                    .description("Frames received from clients, by type").tag("type", t).register(registry));
        }
        in.increment();
    }

    public void errorSent(String code) {
        errors.computeIfAbsent(code, c -> Counter.builder("parley.errors")
                .description("Error frames sent, by code").tag("code", c).register(registry)).increment();
    }

    /** A closed connection, by its close code: one of the known ones, or {@code other}. */
    public void closed(int code) {
        String label = closeLabel(code);
        closes.computeIfAbsent(label, c -> Counter.builder("parley.closes")
                .description("Closed WebSocket connections, by close code").tag("code", c)
                .register(registry)).increment();
    }

    /**
     * The standard codes and Parley's own keep their number as a label; any other (a client may close with any
     * code from 3000 to 4999) is {@code other}, so clients cannot create series at will.
     */
    static String closeLabel(int code) {
        boolean known = (code >= 1000 && code <= 1015 && code != 1004) || KNOWN_CLOSE_CODES.contains(code);
        return known ? Integer.toString(code) : "other";
    }

    /** A direct message was accepted: delivered to a connection of its receiver, or stored in its inbox. */
    public void directMessage(boolean delivered) {
        Counter counter = direct.get(delivered);
        if (counter == null) {
            counter = direct.computeIfAbsent(delivered, d -> Counter.builder("parley.direct.messages")
                    .description("Direct messages accepted, by what happened to them")
                    .tag("status", d ? "delivered" : "stored").register(registry));
        }
        counter.increment();
    }

    /**
     * A call to the server API answered with {@code status} after {@code nanos}; {@code endpoint} is one of
     * the API's few endpoint names (or {@code unknown}), never a path, so the labels stay few.
     */
    public void apiCall(String endpoint, int status, long nanos) {
        apiCalls.computeIfAbsent(endpoint + " " + status, k -> Counter.builder("parley.api.requests")
                .description("Server API calls, by endpoint and status").tag("endpoint", endpoint)
                .tag("status", Integer.toString(status)).register(registry)).increment();
        apiTimes.computeIfAbsent(endpoint, e -> Timer.builder("parley.api.request")
                .description("How long the server API took to answer, by endpoint").tag("endpoint", e)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A frame of {@code type} reached a client's socket; {@code accepted} is when the server accepted the
     * message it carries, or null.
     */
    public void written(String type, Instant accepted) {
        // called for every frame written: a plain lookup first, so the common case captures nothing
        Counter out = framesOut.get(type);
        if (out == null) {
            out = framesOut.computeIfAbsent(type, t -> Counter.builder("parley.frames.out")
                    .description("Frames written to clients' sockets, by type").tag("type", t).register(registry));
        }
        out.increment();
        if (accepted != null) {
            Instant now = Instant.now();
            long nanos = (now.getEpochSecond() - accepted.getEpochSecond()) * 1_000_000_000L
                    + (now.getNano() - accepted.getNano());
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** An outbox overflowed and closed its connection with 4408. */
    public void overflowed() {
        overflows.increment();
    }

    /**
     * A publish hook call ended with {@code result}: {@code accept}, {@code changed}, {@code refuse},
     * {@code timeout}, {@code error}, or {@code busy} (not made: too many under way).
     */
    public void hookCall(String result, Duration took) {
        hookCalls.computeIfAbsent(result, r -> Timer.builder("parley.hook.calls")
                .description("Publish hook calls and how long they took, by result").tag("result", r)
                .register(registry)).record(took);
    }

    /** Events posted to the events URL (the application answered 2xx). */
    public void hookEventsSent(int count) {
        Counter.builder("parley.hook.events.sent").description("Events posted to the events URL")
                .register(registry).increment(count);
    }

    /** Events given up after every try to post them failed. */
    public void hookEventsFailed(int count) {
        Counter.builder("parley.hook.events.failed")
                .description("Events given up after every try to post them to the events URL failed")
                .register(registry).increment(count);
    }

    /** Events dropped because the queue for the events URL was full. */
    public void hookEventsDropped(int count) {
        Counter.builder("parley.hook.events.dropped")
                .description("Events dropped because the queue for the events URL was full")
                .register(registry).increment(count);
    }

    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }

    public <T> void counter(String name, String description, T source, ToDoubleFunction<T> total) {
        FunctionCounter.builder(name, source, total).description(description).register(registry);
    }

    /** Summed from the per-type counters when read (once a second), so a frame is counted once, not twice. */
    public long framesInTotal() {
        return total(framesIn);
    }

    public long framesOutTotal() {
        return total(framesOut);
    }

    private static long total(Map<String, Counter> byType) {
        long sum = 0;
        for (Counter c : byType.values()) {
            sum += (long) c.count();
        }
        return sum;
    }

    public long overflowCount() {
        return (long) overflows.count();
    }

    /**
     * The delivery latency at each of {@code quantiles} (0.5, 0.99) over about the last half minute, in
     * milliseconds, from the histogram's buckets (recording keeps no percentiles of its own: that would put
     * a lock shared by every delivery on the path); NaN when nothing was delivered.
     */
    public double[] latencyMillis(double... quantiles) {
        HistogramSnapshot snapshot = latency.takeSnapshot();
        CountAtBucket[] buckets = snapshot.histogramCounts();
        double[] bounds = new double[buckets.length + 1];
        long[] cumulative = new long[buckets.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
            cumulative[i] = (long) buckets[i].count();
        }
        bounds[buckets.length] = Double.POSITIVE_INFINITY;
        cumulative[buckets.length] = snapshot.count();
        return latencyWindow.percentiles(System.nanoTime(), bounds, cumulative, quantiles);
    }
}
