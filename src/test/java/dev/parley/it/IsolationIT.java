package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One misbehaving client costs the others nothing: while a flooder is rate limited and closed, or a
 * stalled reader sits in the room, a bystander's ping round trips stay under a second and it gets every
 * message a well-behaved member sends. The deployment has the default limits (20 frames a second, bursts
 * of 40, 4429 after 20 refused frames each within a second of the one before), so the bystander and the
 * talker stay well under them.
 */
public class IsolationIT extends ParleyIT {
    /** The bound on every bystander round trip. */
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration PHASE = Duration.ofSeconds(6);
    /** How long one flooding connection may go on without being closed. */
    private static final Duration FLOOD_SESSION = Duration.ofSeconds(3);
    private static final long PING_EVERY_MS = 100;
    private static final long FLOOD_EVERY_MS = 1000;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void aFlooderIsRateLimitedAndClosedWith4429WhileTheBystanderIsUndisturbed() throws Exception {
        String room = "iso-flood";
        ExecutorService pool = Executors.newCachedThreadPool();
        try (WsClient bystanderClient = joined(room, "bystander");
             WsClient talkerClient = joined(room, "talker")) {
            bystanderClient.next("join");
            Bystander bystander = new Bystander(bystanderClient);
            Talker talker = new Talker(talkerClient, "", 80);
            Future<?> pinging = pool.submit(bystander);
            Future<?> talking = pool.submit(talker);

            List<String> sessions = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            long end = System.nanoTime() + PHASE.toNanos();
            while (System.nanoTime() < end && problems.size() < 3) {
                long started = System.nanoTime();
                Flood flood = flood(room, pool);
                sessions.add(flood.toString());
                if (flood.rateLimited == 0 || flood.closeCode != 4429) {
                    problems.add(flood.toString());
                }
                // a new flooding connection once a second at most: each one is allowed its burst
                Thread.sleep(Math.max(0, FLOOD_EVERY_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
            }
            talker.stop.set(true);
            talking.get(10, TimeUnit.SECONDS);
            bystander.stop.set(true);
            pinging.get(10, TimeUnit.SECONDS);
            bystander.awaitMessages(talker.sent.get());

            System.out.printf("IsolationIT flood: %d flooding connections: %s%n", sessions.size(),
                    sessions.size() > 4 ? sessions.subList(0, 4) + " ..." : sessions);
            report("flood", bystander, talker);
            List<Executable> checks = new ArrayList<>(bystander.checks(talker));
            checks.add(0, () -> assertTrue(problems.isEmpty(), "a flooder must get rate_limited errors and then close 4429: " + problems));
            assertAll("while a client floods the room", checks);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStalledReaderInTheRoomLeavesTheBystanderUndisturbed() throws Exception {
        String room = "iso-stall";
        ExecutorService pool = Executors.newCachedThreadPool();
        Scrape before = Scrape.of(base);
        try (WsClient bystanderClient = joined(room, "bystander");
             WsClient talkerClient = joined(room, "talker");
             WsClient chorus1 = joined(room, "chorus1");
             WsClient chorus2 = joined(room, "chorus2");
             RawWebSocket stalled = RawWebSocket.open(Urls.ws(base, "ws/room/" + room + "?name=stalled"),
                     RawWebSocket.options().receiveBufferSize(1024))) {
            assertEquals(101, stalled.status());
            for (String name : List.of("talker", "chorus1", "chorus2", "stalled")) {
                assertEquals(name, bystanderClient.next("join").getString("user"));
            }
            // 3990 emoji and a little: 16 kB a message, 18 a second from each of three members (under the
            // limit of 20), so the stalled reader's socket buffers are full within seconds
            String padding = "\uD83D\uDE00".repeat(3990);
            Bystander bystander = new Bystander(bystanderClient);
            Talker talker = new Talker(talkerClient, padding, 55);
            List<Talker> chorus = List.of(new Talker(chorus1, padding, 55), new Talker(chorus2, padding, 55));
            Future<?> pinging = pool.submit(bystander);
            List<Future<?>> talking = new ArrayList<>();
            talking.add(pool.submit(talker));
            chorus.forEach(c -> talking.add(pool.submit(c)));
            double queuedMax = 0;
            for (long end = System.nanoTime() + PHASE.toNanos(); System.nanoTime() < end; ) {
                Thread.sleep(250);
                queuedMax = Math.max(queuedMax, Scrape.of(base).sum("parley_outbox_queued"));
            }
            talker.stop.set(true);
            chorus.forEach(c -> c.stop.set(true));
            for (Future<?> f : talking) {
                f.get(10, TimeUnit.SECONDS);
            }
            bystander.stop.set(true);
            pinging.get(10, TimeUnit.SECONDS);
            bystander.awaitMessages(talker.sent.get());

            Scrape after = Scrape.of(base);
            double overflows = after.sum("parley_outbox_overflows_total") - before.sum("parley_outbox_overflows_total");
            System.out.printf("IsolationIT stall: up to %.0f frames waited in outboxes; the stalled reader %s%n", queuedMax,
                    overflows > 0 ? "overflowed its outbox (4408)" : "stayed open");
            report("stall", bystander, talker);
            List<Executable> checks = new ArrayList<>(bystander.checks(talker));
            chorus.forEach(c -> checks.add(() -> assertNull(c.failure, "the chorus kept its connections")));
            boolean stalledWrites = queuedMax > 0 || overflows > 0;
            checks.add(() -> assertTrue(stalledWrites, "the stalled reader held up the server's writes to it"
                    + " (frames waited in its outbox, or it overflowed): else this test shows nothing"));
            assertAll("while a member of the room reads nothing", checks);
        } finally {
            pool.shutdownNow();
        }
    }

    private WsClient joined(String room, String name) {
        WsClient client = WsClient.connect(base, "ws/room/" + room + "?name=" + name);
        client.next("welcome");
        return client;
    }

    private static void report(String phase, Bystander bystander, Talker talker) {
        System.out.printf("IsolationIT %s: bystander %s; %d of the talker's %d messages received, %d others'%n", phase,
                Hostile.Latencies.of(bystander.roundTrips()), bystander.fromTalker.size(), talker.sent.get(),
                bystander.fromOthers.get());
    }

    /** What one flooding connection got before it was closed (or gave up). */
    private static final class Flood {
        final AtomicInteger sent = new AtomicInteger();
        int accepted;
        int rateLimited;
        int otherErrors;
        int closeCode;
        long millis;

        @Override
        public String toString() {
            return String.format("{sent %d, accepted %d, rate_limited %d, other errors %d, %s after %d ms}", sent.get(),
                    accepted, rateLimited, otherErrors, closeCode == 0 ? "not closed" : closeCode == -1
                            ? "dropped without a close frame" : "closed " + closeCode, millis);
        }
    }

    /**
     * One connection that sends chat messages as fast as it can on one thread and reads what comes back on
     * another, until the server closes it or {@link #FLOOD_SESSION} passes.
     */
    private Flood flood(String room, ExecutorService pool) throws Exception {
        Flood flood = new Flood();
        long started = System.nanoTime();
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/room/" + room + "?name=flooder"))) {
            assertEquals(101, ws.status());
            AtomicBoolean stop = new AtomicBoolean();
            Future<?> writer = pool.submit(() -> {
                try {
                    while (!stop.get()) {
                        int n = flood.sent.getAndIncrement();
                        ws.sendText("{\"text\":\"flood " + n + "\",\"ref\":\"f" + n + "\"}");
                    }
                } catch (UncheckedIOException e) {
                    // closed by the server
                }
            });
            long deadline = started + FLOOD_SESSION.toNanos();
            while (System.nanoTime() < deadline) {
                RawWebSocket.Frame frame;
                try {
                    frame = ws.readFrame(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                } catch (AssertionError timedOut) {
                    break;
                }
                if (frame == null) {
                    flood.closeCode = RawWebSocket.NO_CLOSE_FRAME;
                    break;
                }
                if (frame.isClose()) {
                    flood.closeCode = frame.closeCode();
                    break;
                }
                if (frame.opcode() == RawWebSocket.OP_TEXT && frame.fin()) {
                    JsonObject json = parse(frame.text());
                    String type = json == null ? null : json.getString("type", null);
                    if ("message".equals(type) && "flooder".equals(json.getString("from", null))) {
                        flood.accepted++;
                    } else if ("error".equals(type)) {
                        if ("rate_limited".equals(json.getString("code", null))) {
                            flood.rateLimited++;
                        } else {
                            flood.otherErrors++;
                        }
                    }
                }
            }
            stop.set(true);
            writer.get(10, TimeUnit.SECONDS);
            flood.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (flood.closeCode > 0) {
                try {
                    ws.sendClose(flood.closeCode, "");
                } catch (UncheckedIOException e) {
                    // already dropped
                }
            }
        }
        return flood;
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /** A well-behaved member: one numbered message every {@code periodMs} (at most 20 a second, the limit). */
    private static final class Talker implements Runnable {
        final WsClient ws;
        final String padding;
        final long periodMs;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();

        Talker(WsClient ws, String padding, long periodMs) {
            this.ws = ws;
            this.padding = padding;
            this.periodMs = periodMs;
        }

        volatile String failure;

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    ws.send("{\"text\":\"t" + sent.get() + " " + padding + "\"}");
                    sent.incrementAndGet();
                    Thread.sleep(periodMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (AssertionError e) {
                failure = "the talker could not send: " + e.getMessage();
            }
        }
    }

    /** Pings every 100 ms (10 frames a second), one round trip at a time, and keeps what it is sent. */
    private static final class Bystander implements Runnable {
        final WsClient ws;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<String> fromTalker = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger fromOthers = new AtomicInteger();
        private final List<Long> roundTrips = Collections.synchronizedList(new ArrayList<>());
        volatile String failure;
        private int n;

        Bystander(WsClient ws) {
            this.ws = ws;
        }

        @Override
        public void run() {
            try {
                while (!stop.get() && failure == null) {
                    long started = System.nanoTime();
                    roundTrip();
                    long left = PING_EVERY_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (left > 0) {
                        Thread.sleep(left);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void roundTrip() {
            String ref = "b" + n++;
            long sent = System.nanoTime();
            try {
                ws.send("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}");
                while (true) {
                    JsonObject frame = ws.next();
                    String type = frame.getString("type", "");
                    if (type.equals("pong") && ref.equals(frame.getString("ref", null))) {
                        roundTrips.add(System.nanoTime() - sent);
                        return;
                    } else if (type.equals("message")) {
                        if ("talker".equals(frame.getString("from", null))) {
                            String text = frame.getString("text");
                            fromTalker.add(text.substring(0, text.indexOf(' ')));
                        } else {
                            fromOthers.incrementAndGet();
                        }
                    } else if (type.equals("error")) {
                        failure = "the bystander got an error: " + frame;
                    }
                }
            } catch (AssertionError e) {
                failure = "ping " + ref + " got no pong: " + e.getMessage();
            }
        }

        /** A few more round trips until the talker's last message is in (or 5 s pass). */
        void awaitMessages(int expected) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (failure == null && fromTalker.size() < expected && System.nanoTime() < deadline) {
                roundTrip();
            }
        }

        long[] roundTrips() {
            synchronized (roundTrips) {
                return roundTrips.stream().mapToLong(Long::longValue).toArray();
            }
        }

        /** Every check on the bystander and the talker, each reported on its own. */
        List<Executable> checks(Talker talker) {
            return List.of(
                () -> assertNull(talker.failure, "the talker kept its connection"),
                () -> assertNull(failure, "the bystander kept its connection and got every pong"),
                () -> {
                    Hostile.Latencies latencies = Hostile.Latencies.of(roundTrips());
                    assertTrue(latencies.count() > 0, "round trips were measured");
                    assertTrue(latencies.max() < BOUND.toMillis(), "every round trip under " + BOUND.toMillis() + " ms: " + latencies);
                },
                () -> {
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < talker.sent.get(); i++) {
                        expected.add("t" + i);
                    }
                    assertEquals(expected, fromTalker, "the bystander got every message of the talker, in order");
                });
        }
    }
}
