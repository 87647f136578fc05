package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A user's welcome and its catch-up are held to the outbox limits like every other frame: a client that
 * asks for a large catch-up with {@code since} and then reads nothing costs the server at most about
 * {@code parley.outbox.bytes} of queued frames, not the whole catch-up. A client that reads gets all of it.
 */
public class CatchUpWithinOutboxLimitsIT extends ParleyIT {
    /** The inbox size (default 1000): every message is retained. */
    private static final int MESSAGES = 1000;
    /** 4,000 code points (the text limit) of a four-byte character: 16,000 bytes of UTF-8 per message. */
    private static final String TEXT = "\uD83D\uDE00".repeat(4000);
    private static final int OUTBOX_BYTES = 65536;
    private static final int HOARDERS = 50;
    private static final double MB = 1024 * 1024;
    /**
     * The most the heap may grow with the {@value #HOARDERS} stalled catch-ups open. Each asks for 999
     * retained messages of about 16 KB: about 16 MB of frames per connection, 800 MB for all of them, if
     * the catch-up is queued whole. Kept within the outbox limits, a connection holds at most
     * {@value #OUTBOX_BYTES} bytes queued, plus what the container buffers itself (up to four times that
     * before the client must confirm it read it), plus the container's own session: well under 1 MB each,
     * under 50 MB for all (50 connections with nothing to catch up move the heap by a few MB). Both readings
     * follow a collection, so garbage hardly counts; 200 MB still leaves room for some, and fails a server
     * that keeps a quarter of each catch-up. Being checked as the connections open, it fails a server that
     * keeps whole catch-ups after about 13 of them, before a small container JVM (512 MB) runs out of memory.
     */
    private static final long GROWTH_LIMIT_MB = 200;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings(
                "parley.outbox.bytes", Integer.toString(OUTBOX_BYTES),
                "parley.connections.per.address", "1000"));
    }

    @Test
    void aStalledCatchUpHoldsNoMoreThanItsOutboxAndAReaderGetsItAll() throws Exception {
        List<String> ids = fill("hoarder");
        String since = ids.get(0);
        List<String> expected = ids.subList(1, ids.size());

        // a client that reads gets the whole catch-up: every retained message after since, in order
        try (WsClient reader = WsClient.connect(base, "ws/user/hoarder?since=" + since)) {
            JsonObject welcome = reader.next();
            assertEquals("welcome", welcome.getString("type"), "the first frame of a user connection");
            assertEquals(expected.size(), welcome.getInt("pending"), "pending of a catch-up after the first id");
            assertTrue(welcome.getBoolean("recovered", false), "the first id is retained: recovered");
            for (int i = 0; i < expected.size(); i++) {
                JsonObject m = json(reader.nextText(Duration.ofSeconds(10)));
                assertEquals("message", m.getString("type"), "catch-up frame " + (i + 1));
                assertEquals(expected.get(i), m.getString("id"), "catch-up message " + (i + 1) + " in order, no gap");
                assertEquals(TEXT, m.getString("text"));
            }
            reader.expectNoFrame(Duration.ofMillis(300));
        }
        Scrape.awaitNoUserOnline(base);

        // Garbage hardly counts: both readings are taken right after a collection the test brings about, the
        // second the lowest of a few. Young garbage in it is only what the echo traffic made since that
        // collection (tens of MB at most); old garbage of before that a later collection reclaims only lowers
        // the growth. What queued frames hold is live: never collected.
        Heap before = Heap.collected(base);
        System.out.println("CatchUpWithinOutboxLimitsIT: heap before the stalled catch-ups " + before);
        URI uri = Urls.ws(base, "ws/user/hoarder?since=" + since);
        List<RawWebSocket> hoarders = new ArrayList<>();
        try {
            for (int i = 0; i < HOARDERS; i++) {
                RawWebSocket ws;
                try {
                    ws = RawWebSocket.open(uri, RawWebSocket.options().receiveBufferSize(1024)
                            .timeout(Duration.ofSeconds(30)));
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("stalled catch-up connection " + (i + 1) + " of " + HOARDERS
                            + " could not be opened (" + e + "); the server's heap went from " + before
                            + " to " + Heap.describeNow(base) + ": is it queueing every catch-up whole?", e);
                }
                hoarders.add(ws);
                assertEquals(101, ws.status(), "handshake of stalled catch-up connection " + (i + 1)
                        + "; the server's heap went from " + before + " to " + Heap.describeNow(base));
                // One plain reading per connection: a server already past the limit with fewer connections fails
                // now (once a measurement as below confirms it), before a small container JVM runs out of memory.
                Heap now = readWhileOpen(before, i + 1, i);
                if (now.usedMb() - before.usedMb() >= GROWTH_LIMIT_MB) {
                    assertGrowthWithinLimit(before, i + 1, i, expected.size());
                }
            }
            awaitUserConnections(HOARDERS);
            // A connection's catch-up is queued once its handshake has responded: give the server a moment to
            // do so for the last ones before measuring.
            Thread.sleep(1000);
            assertGrowthWithinLimit(before, HOARDERS, HOARDERS, expected.size());
        } finally {
            hoarders.forEach(RawWebSocket::close);
        }
    }

    /**
     * Measures the heap right after a collection, the lowest of a few readings, with {@code open} stalled
     * catch-ups open, and fails if it is {@value #GROWTH_LIMIT_MB} MB or more above {@code before}.
     */
    private void assertGrowthWithinLimit(Heap before, int open, int counted, int catchUp) throws Exception {
        Heap after = Heap.collected(base);
        for (int i = 0; i < 4; i++) {
            Thread.sleep(200);
            Heap h = Heap.read(base);
            after = h.used() < after.used() ? h : after;
        }
        double growth = after.usedMb() - before.usedMb();
        System.out.printf("CatchUpWithinOutboxLimitsIT: heap with %d stalled catch-ups open %s; growth %.1f MB"
                + " (%.2f MB per connection)%n", open, after, growth, growth / open);
        readWhileOpen(before, open, counted);
        assertTrue(growth < GROWTH_LIMIT_MB, String.format(
                "the server's heap grew by %.0f MB (%.1f MB per connection) with %d connections that asked for"
                        + " a catch-up of %d messages (about 16 MB each) and read nothing, from %s to %s: over"
                        + " %d MB, so the catch-up is queued beyond parley.outbox.bytes (%d bytes per connection)",
                growth, growth / open, open, catchUp, before, after, GROWTH_LIMIT_MB, OUTBOX_BYTES));
    }

    /**
     * A heap reading while {@code opened} stalled catch-ups are open, of which the server must count at least
     * {@code counted} (the newest may not be counted yet): a server that cannot hold them (out of memory, say)
     * and drops some would otherwise measure well.
     */
    private Heap readWhileOpen(Heap before, int opened, int counted) {
        Heap now;
        try {
            now = Heap.read(base);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("/metrics failed with " + e + " once " + opened + " stalled catch-ups were open,"
                    + " with the server's heap at " + before + " before them: is it queueing every catch-up whole?", e);
        }
        if (now.userConnections() < counted) {
            fail(String.format("the server counts %.0f user connections with %d stalled catch-ups opened, with its heap"
                    + " at %s, from %s before them: they must stay open to be measured, and a catch-up (about 16 MB"
                    + " each) held within parley.outbox.bytes (%d bytes) gives no reason to close them",
                    now.userConnections(), opened, now, before, OUTBOX_BYTES));
        }
        return now;
    }

    /** Stores {@value #MESSAGES} messages for an offline {@code user}; answers their ids, oldest first. */
    private List<String> fill(String user) {
        List<String> ids = OfflineSender.store(base, "filler", user, MESSAGES, i -> TEXT);
        Scrape.awaitNoUserOnline(base);
        return ids;
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private void awaitUserConnections(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        double open;
        while ((open = Scrape.of(base).sum("parley_connections", "endpoint=\"user\"")) < n) {
            if (System.nanoTime() > deadline) {
                fail("the server counts " + open + " user connections, not the " + n + " stalled catch-ups opened");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The server's heap as {@code /metrics} tells it: every heap pool's used bytes and the collections so far
     * (none before the first, which registers the series); and the user connections it counts.
     */
    private record Heap(double used, double collections, String pools, double userConnections) {
        static Heap read(URL base) {
            Scrape s = Scrape.of(base);
            if (!s.has("jvm_memory_used_bytes")) {
                throw new AssertionError("/metrics has no jvm_memory_used_bytes:\n" + s.text());
            }
            StringBuilder pools = new StringBuilder();
            for (String line : s.text().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    int id = line.indexOf("id=\"");
                    String name = id < 0 ? "?" : line.substring(id + 4, line.indexOf('"', id + 4));
                    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    pools.append(pools.length() == 0 ? "" : ", ").append(String.format("%s %.1f MB", name, value / MB));
                }
            }
            return new Heap(s.sum("jvm_memory_used_bytes", "area=\"heap\""), s.sum("jvm_gc_pause_seconds_count"),
                    pools.toString(), s.sum("parley_connections", "endpoint=\"user\""));
        }

        /**
         * A reading right after a collection of the server's heap, brought about by echo traffic (which makes
         * nothing but garbage); after 20 s without one, a plain reading. Each echo connection has one frame
         * in flight at a time, which its outbox of {@value #OUTBOX_BYTES} bytes holds.
         */
        static Heap collected(URL base) {
            double start = read(base).collections();
            String payload = "g".repeat(60_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<WsClient> echoes = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    echoes.add(WsClient.connect(base, "ws/echo"));
                }
                while (read(base).collections() == start && System.nanoTime() < deadline) {
                    for (int round = 0; round < 10; round++) {
                        echoes.forEach(echo -> echo.send(payload));
                        echoes.forEach(WsClient::nextText);
                    }
                }
            } finally {
                echoes.forEach(WsClient::close);
            }
            return read(base);
        }

        /** A reading for a failure message; says so when the server does not answer. */
        static String describeNow(URL base) {
            try {
                return read(base).toString();
            } catch (RuntimeException | AssertionError e) {
                return "(no reading: /metrics failed with " + e + ")";
            }
        }

        double usedMb() {
            return used / MB;
        }

        @Override
        public String toString() {
            return String.format("%.1f MB used (%s)", usedMb(), pools);
        }
    }
}
