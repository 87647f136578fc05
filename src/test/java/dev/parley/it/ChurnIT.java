package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.it.Hostile.Answer;
import dev.parley.testing.Deployments;
import dev.parley.testing.ParleyLogs;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * 40,000 connect/disconnect cycles over a few rooms and users from a few threads, a third of them
 * abrupt (the socket closed with no close frame, some with a reset), the rest clean. Afterwards every
 * registry is back where it started: open connections, active rooms, online users, each room's presence
 * as a new member sees it, and (on embedded Tomcat, which runs in this JVM) the heap within 16 MB.
 * Every frame a cycle reads is its own: its handshake's answer, its welcome (naming its room or user),
 * and no frame of another room.
 */
public class ChurnIT extends ParleyIT {
    private static final int CYCLES = Integer.getInteger("parley.churn.cycles", 40_000);
    private static final int WARM_UP = 600;
    private static final int THREADS = 6;
    /** Well above what the churn leaves (4 to 6 MB here); a session kept for each failed write took 70 MB. */
    private static final long HEAP_MARGIN = 16L << 20;
    private static final List<String> ROOMS = List.of("churn-a", "churn-b", "churn-c");
    private static final List<String> USERS = List.of("churn-u1", "churn-u2", "churn-u3");
    private static final List<String> NAMES = List.of("ann", "ben", "cy", "dee", "");
    /** Tomcat's logger for errors of endpoints without an error handler (a reset socket is one). */
    private static final String POJO_ERRORS = "org.apache.tomcat.websocket.pojo.PojoEndpointBase";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        // Heartbeats are how Parley finds connections that vanished without a close: Tyrus (Payara) loses
        // the close of a client gone while its connection is still being opened, and a connection that is
        // written nothing more (a user's, here) stays until its ping goes unanswered. The short heartbeat
        // lets that happen within the test's wait instead of the default minute and a half.
        return Deployments.parley(Unthrottled.settings("parley.connections.per.address", "100000",
                "parley.ping.interval", "1s", "parley.ping.timeout", "2s"));
    }


    /** What the cycles did. */
    private static final class Counts {
        final AtomicInteger clean = new AtomicInteger();
        final AtomicInteger abrupt = new AtomicInteger();
        final AtomicInteger reset = new AtomicInteger();
        final AtomicInteger beforeWelcome = new AtomicInteger();
        final AtomicInteger spoke = new AtomicInteger();
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());

        void problem(String what) {
            if (problems.size() < 20) {
                problems.add(what);
            }
        }

        @Override
        public String toString() {
            return String.format("%d clean, %d abrupt (%d with a reset, %d before reading the welcome), %d spoke first",
                    clean.get(), abrupt.get(), reset.get(), beforeWelcome.get(), spoke.get());
        }
    }

    @Test
    void registriesPresenceAndHeapAreBackToBaselineAfterChurn() throws Exception {
        // classes loaded, pools and caches filled, with clean closes only: what is left after this is the baseline
        churn(WARM_UP, 7L, false, new Counts());
        Scrape settled = awaitIdle();
        double connections = settled.sum("parley_connections");
        double rooms = settled.sum("parley_rooms_active");
        double users = settled.sum("parley_users_online");
        long heapBefore = ParleyLogs.SAME_JVM ? Hostile.heapUsedAfterGc() : 0;

        Counts counts = new Counts();
        CountingHandler errorLogs = new CountingHandler();
        Logger pojoErrors = Logger.getLogger(POJO_ERRORS);
        boolean parentHandlers = pojoErrors.getUseParentHandlers();
        pojoErrors.addHandler(errorLogs);
        pojoErrors.setUseParentHandlers(false);       // one stack trace per abrupt close: counted, not printed
        long started = System.nanoTime();
        try {
            churn(CYCLES, 42L, true, counts);
        } finally {
            pojoErrors.removeHandler(errorLogs);
            pojoErrors.setUseParentHandlers(parentHandlers);
        }
        long churned = System.nanoTime() - started;
        System.out.printf("ChurnIT: %d cycles in %d ms (%.0f/s) on %d threads: %s%n", CYCLES,
                TimeUnit.NANOSECONDS.toMillis(churned), CYCLES / (churned / 1e9), THREADS, counts);
        System.out.printf("ChurnIT: the container logged %d SEVERE endpoint errors (%s) meanwhile%n",
                errorLogs.severe.get(), errorLogs.first == null ? "none" : errorLogs.first);

        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertTrue(counts.problems.isEmpty(), "cycles that went wrong:\n  " + String.join("\n  ", counts.problems)));
        checks.add(() -> assertTrue(counts.abrupt.get() >= CYCLES / 3, "a third of the cycles end abruptly: " + counts));

        long closing = System.nanoTime();
        boolean back = true;
        try {
            Hostile.eventually(Duration.ofSeconds(10), () -> {
                Scrape s = Scrape.of(base);
                return s.sum("parley_connections") == connections && s.sum("parley_rooms_active") == rooms
                        && s.sum("parley_users_online") == users;
            }, () -> "");
        } catch (AssertionError e) {
            back = false;
        }
        Scrape after = Scrape.of(base);
        System.out.printf("ChurnIT: %s %d ms after the last cycle: %s connections (baseline %s), %s active rooms (%s), %s users online (%s)%n",
                back ? "back to the baseline" : "NOT back to the baseline",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing), after.sum("parley_connections"), connections,
                after.sum("parley_rooms_active"), rooms, after.sum("parley_users_online"), users);
        checks.add(() -> assertEquals(connections, after.sum("parley_connections"), "open connections\n" + gauges(after)));
        checks.add(() -> assertEquals(rooms, after.sum("parley_rooms_active"), "active rooms\n" + gauges(after)));
        checks.add(() -> assertEquals(users, after.sum("parley_users_online"), "users online\n" + gauges(after)));

        for (String room : ROOMS) {
            try (WsClient probe = WsClient.connect(base, "ws/room/" + room + "?name=probe")) {
                JsonObject welcome = probe.next("welcome");
                System.out.printf("ChurnIT: a new member of %s is welcomed with memberCount %d, members %s%n",
                        room, welcome.getInt("memberCount"), Frames.members(welcome));
                checks.add(() -> assertEquals(1, welcome.getInt("memberCount"), room + ": " + welcome));
                checks.add(() -> assertEquals(List.of("probe"), Frames.members(welcome), room + ": " + welcome));
            }
        }

        if (ParleyLogs.SAME_JVM) {
            long heapAfter = Hostile.heapUsedAfterGc();
            System.out.printf("ChurnIT: heap after GC %s before, %s after, %+.1f MB (margin %s)%n",
                    Hostile.mb(heapBefore), Hostile.mb(heapAfter), (heapAfter - heapBefore) / 1048576.0, Hostile.mb(HEAP_MARGIN));
            checks.add(() -> assertTrue(heapAfter - heapBefore < HEAP_MARGIN, "the heap grew by " + Hostile.mb(heapAfter - heapBefore)));
        } else {
            System.out.println("ChurnIT: the container runs in its own JVM: its heap is not measured here");
        }
        assertAll("after " + CYCLES + " connect/disconnect cycles", checks);
    }

    /** The gauges once no connection is left open. */
    private Scrape awaitIdle() {
        Hostile.eventually(Duration.ofSeconds(10), () -> Scrape.of(base).sum("parley_connections") == 0,
                () -> "connections still open:\n" + gauges(Scrape.of(base)));
        return Scrape.of(base);
    }

    private static String gauges(Scrape s) {
        return String.join("\n", s.text().lines().filter(l -> l.startsWith("parley_connections")
                || l.startsWith("parley_rooms_active") || l.startsWith("parley_users_online")).toList());
    }

    /** {@code cycles} cycles on {@link #THREADS} threads; with {@code abrupt}, every third one ends abruptly. */
    private void churn(int cycles, long seed, boolean abrupt, Counts counts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(seed * 31 + t);
                int share = cycles / THREADS + (t < cycles % THREADS ? 1 : 0);
                int first = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        cycle(random, abrupt && (first + i * THREADS) % 3 == 0, counts);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One connection: opened, maybe used, then closed cleanly or dropped. */
    private void cycle(Random random, boolean abrupt, Counts counts) {
        boolean room = random.nextInt(3) > 0;
        String name = NAMES.get(random.nextInt(NAMES.size()));
        String target = room ? ROOMS.get(random.nextInt(ROOMS.size())) : USERS.get(random.nextInt(USERS.size()));
        String path = room ? "ws/room/" + target + (name.isEmpty() ? "" : "?name=" + name) : "ws/user/" + target;
        // what every frame that names a room or user carries on this connection: another's is a stray write
        String mine = (room ? "\"room\":\"" : "\"user\":\"") + target + "\"";
        RawWebSocket ws;
        try {
            ws = RawWebSocket.open(Urls.ws(base, path));
        } catch (UncheckedIOException | AssertionError e) {
            counts.problem(path + ": " + e.getMessage());
            return;
        }
        try {
            if (ws.status() != 101) {
                counts.problem(path + ": handshake answered " + ws.handshake());
                return;
            }
            boolean readWelcome = !abrupt || random.nextBoolean();
            if (readWelcome) {
                Answer welcome = Hostile.answer(ws, WsClient.WAIT);
                if (!welcome.isText() || !welcome.text().startsWith("{\"type\":\"welcome\"")
                        || !welcome.text().contains(mine)) {
                    counts.problem(path + ": expected its welcome, got " + welcome);
                    return;
                }
                if (random.nextInt(5) == 0) {
                    speak(ws, room, mine, random, path, counts);
                }
            } else {
                counts.beforeWelcome.incrementAndGet();
            }
            if (abrupt) {
                counts.abrupt.incrementAndGet();
                if (random.nextBoolean()) {
                    ws.socket().setSoLinger(true, 0);       // close sends a reset
                    counts.reset.incrementAndGet();
                }
            } else {
                ws.sendClose(1000, "");
                int code = ws.awaitClose();
                if (code != 1000) {
                    counts.problem(path + ": a clean close was answered with " + code);
                }
                counts.clean.incrementAndGet();
            }
        } catch (IOException e) {
            counts.problem(path + ": " + e);
        } catch (UncheckedIOException | AssertionError e) {
            counts.problem(path + ": " + e.getMessage());
        } finally {
            ws.close();
        }
    }

    /**
     * A message on a room, a ping on a user connection: its answer must come. Other members' messages may
     * come first; a frame naming another room, or any room on a user connection, was meant for another
     * connection.
     */
    private static void speak(RawWebSocket ws, boolean room, String mine, Random random, String path, Counts counts) {
        String ref = "c" + random.nextInt(1_000_000);
        ws.sendText(room ? "{\"text\":\"churn\",\"ref\":\"" + ref + "\"}" : "{\"type\":\"ping\",\"ref\":\"" + ref + "\"}");
        while (true) {
            Answer answer = Hostile.answer(ws, WsClient.WAIT);
            if (!answer.isText()) {
                counts.problem(path + ": no answer to " + ref + ": " + answer);
                return;
            }
            if (answer.text().contains("\"room\":\"") && !answer.text().contains(mine)) {
                counts.problem(path + ": a frame meant for another connection: " + answer);
                return;
            }
            if (answer.text().contains("\"ref\":\"" + ref + "\"")) {
                counts.spoke.incrementAndGet();
                return;
            }
        }
    }

    /** Counts the log records it gets, keeping the first SEVERE one's gist. */
    private static final class CountingHandler extends Handler {
        final AtomicInteger severe = new AtomicInteger();
        volatile String first;

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                if (severe.getAndIncrement() == 0) {
                    first = record.getMessage() + (record.getThrown() == null ? "" : ": " + record.getThrown());
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
