package dev.parley.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Measures {@code POST /api/rooms/{room}/messages} on a running node: a room of idle members that read every
 * message, and a few backend workers that each post the next message as soon as the last one was answered
 * (closed loop). Prints requests/s, latency percentiles, refusals by status, and whether every member got
 * every accepted message. Loopback only; every loop is bounded in time.
 *
 * <pre>usage: ApiPublishLoad &lt;base url&gt; &lt;members&gt; &lt;workers&gt; &lt;seconds&gt; [api key]</pre>
 */
public final class ApiPublishLoad {
    private static final String ROOM = "api-load";
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final long RUN = System.currentTimeMillis();

    private ApiPublishLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: ApiPublishLoad <base url> <members> <workers> <seconds> [api key]");
        }
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        LoadServer.requireLoopback(base.getHost());
        int members = Integer.parseInt(args[1]);
        int workers = Integer.parseInt(args[2]);
        Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
        String key = args.length > 4 ? args[4] : System.getenv("PARLEY_API_KEY");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LoadServer.awaitHealthy(http, base.resolve("health"), Duration.ofSeconds(60));
        List<Member> room = join(http, base, members);

        Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicLong accepted = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + WARM_UP.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Thread> posters = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread poster = new Thread(() -> post(http, base, key, worker, measureFrom, end, latency, statuses,
                    accepted), "poster-" + w);
            poster.start();
            posters.add(poster);
        }
        for (Thread poster : posters) {
            poster.join();
        }
        long acceptedTotal = accepted.get();
        long deliveredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deliveredBy && room.stream().anyMatch(m -> m.received.sum() < acceptedTotal)) {
            Thread.sleep(100);
        }

        var histogram = latency.getIntervalHistogram();
        double seconds = measured.toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "POST /api/rooms/%s/messages, %d members, %d workers, %d s measured "
                + "after %d s warm-up%n", ROOM, members, workers, measured.toSeconds(), WARM_UP.toSeconds());
        System.out.printf(Locale.ROOT, "  requests/s (201, measured)  %.0f%n", histogram.getTotalCount() / seconds);
        System.out.printf(Locale.ROOT, "  deliveries/s                %.0f%n", histogram.getTotalCount() * members / seconds);
        System.out.printf(Locale.ROOT, "  latency ms p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
        System.out.println("  statuses (whole run)        " + new TreeMap<>(statuses));
        long complete = room.stream().filter(m -> m.received.sum() == acceptedTotal).count();
        long closed = room.stream().filter(m -> m.closed.getCount() == 0).count();
        System.out.printf(Locale.ROOT, "  members with all %d accepted messages: %d of %d (closed: %d)%n",
                acceptedTotal, complete, members, closed);
        for (Member m : room) {
            m.socket.abort();
        }
        if (complete != members) {
            System.exit(1);
        }
    }

    private static List<Member> join(HttpClient http, URI base, int members) throws InterruptedException {
        CountDownLatch welcomed = new CountDownLatch(members);
        List<Member> room = new ArrayList<>();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            Member member = new Member(welcomed);
            room.add(member);
            URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "ws/room/" + ROOM + "?name=m" + i);
            pending.add(http.newWebSocketBuilder().buildAsync(uri, member).thenApply(ws -> member.socket = ws));
        }
        List<WebSocket> opened = new ArrayList<>();
        LoadServer.collect(pending, opened);
        if (opened.size() != members || !welcomed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + opened.size() + " of " + members + " members joined");
        }
        return room;
    }

    private static void post(HttpClient http, URI base, String key, int worker, long measureFrom, long end,
            Recorder latency, Map<Integer, LongAdder> statuses, AtomicLong accepted) {
        URI uri = base.resolve("api/rooms/" + ROOM + "/messages");
        for (long n = 0; System.nanoTime() < end; n++) {
            // the Idempotency-Key makes a retry safe: a request whose connection the server closed under it
            // (Tomcat ends a keep-alive connection after 100 requests) may have been taken or not
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "load-" + worker + "-" + n + "-" + RUN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"load " + worker + "-" + n
                            + "\",\"from\":\"load-bot\"}"));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            long sent = System.nanoTime();
            int status = -1;
            for (int attempt = 0; attempt < 3 && status == -1; attempt++) {
                try {
                    status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    status = -1;
                }
            }
            long answered = System.nanoTime();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status == 201) {
                accepted.incrementAndGet();
                if (sent >= measureFrom && answered <= end) {
                    latency.recordValue(answered - sent);
                }
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** A member that reads everything and counts the bot's messages. */
    private static final class Member implements WebSocket.Listener {
        private final CountDownLatch welcomed;
        private final CountDownLatch closed = new CountDownLatch(1);
        private final LongAdder received = new LongAdder();
        private final StringBuilder text = new StringBuilder();
        private volatile WebSocket socket;

        Member(CountDownLatch welcomed) {
            this.welcomed = welcomed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                if (text.indexOf("\"type\":\"welcome\"") >= 0) {
                    welcomed.countDown();
                } else if (text.indexOf("\"from\":\"load-bot\"") >= 0) {
                    received.increment();
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.countDown();
            return null;
        }
    }
}
