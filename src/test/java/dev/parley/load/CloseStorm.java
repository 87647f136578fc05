package dev.parley.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Measures what it costs a running Parley when every member of one big room leaves at once: it opens N
 * idle members of ONE room, then drops them all together, and reads the server process's CPU time
 * (over JMX) and the wall time of both phases. The drop is done two ways, each on a fresh room of N:
 * {@code abort}, where the client drops its TCP connections without a close frame (a network cut, a
 * killed browser), and {@code close}, where every client sends a close frame (1000) at once. The drop
 * ends when the server's {@code parley_connections{endpoint="room"}} (read from {@code /metrics}) is back
 * to 0; the server's CPU is read then, and again once the server has gone quiet (under 5% of one core
 * over half a second), as cleanup may go on after the gauge is 0.
 *
 * <p>The first {@code parley.presence.limit} members (500 by default) each get a {@code join} of every
 * member after them, and once fewer than that many are left every {@code leave} goes to every member
 * still there: a storm is mostly the server sending leaves to connections that are themselves going.
 *
 * <p>Before measuring, a smaller room (600, past the default presence limit) is opened and dropped
 * each way, so classes, pools and the JIT are warm. The client runs on the same machine and competes
 * with the server for its cores; the server's CPU time is its own, but its wall times are not, nor
 * are they free of whatever else the machine runs: the result line ends with the machine's load average.
 *
 * <p>Run by {@code ./mvnw -Pstorm verify}, which starts Tomcat (Cargo) and Payara Micro with JMX on
 * loopback ports and without the per-address connection limit, and runs this and {@link CatchUpHeap}
 * against each. By hand, against a server started with
 * {@code -Dparley.connections.per.address=100000 -Dcom.sun.management.jmxremote.port=9010
 * -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1
 * -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false}:
 *
 * <pre>
 * java -cp target/test-classes dev.parley.load.CloseStorm http://localhost:8080/ localhost:9010 5000 abort,close tomcat
 * </pre>
 *
 * Arguments: base URL, JMX host:port, members (at most 10,000), the drops to measure ({@code abort},
 * {@code close} or {@code abort,close}), and a label; optionally a file that gets the result lines
 * appended. Loopback only; every wait is bounded.
 */
public final class CloseStorm {
    private static final int MAX_CONNECTIONS = 10_000;
    private static final int WARM_CONNECTIONS = 600;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(180);
    /** The server is quiet when it used less than this share of one core over {@link #QUIET_WINDOW_MS}. */
    private static final double QUIET_SHARE = 0.05;
    private static final long QUIET_WINDOW_MS = 500;
    private static final long POLL_MS = 100;
    private static final Pattern ROOM_GAUGE = Pattern.compile(
            "^parley_connections\\{[^}]*endpoint=\"room\"[^}]*\\}\\s+([0-9.eE+-]+)", Pattern.MULTILINE);

    private CloseStorm() {
    }

    public static void main(String[] args) throws Exception {
        LoadServer.Args parsed = LoadServer.Args.parse(args,
                "CloseStorm <base url> <jmx host:port> <members> <abort|close|abort,close> <label> [result file]");
        URI base = parsed.base();
        String jmx = parsed.jmx();
        int members = Integer.parseInt(parsed.first());
        List<String> drops = List.of(parsed.second().split(","));
        String label = parsed.label();
        if (members < 1 || members > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("members must be 1.." + MAX_CONNECTIONS);
        }
        for (String drop : drops) {
            if (!drop.equals("abort") && !drop.equals("close")) {
                throw new IllegalArgumentException("a drop is abort or close, not " + drop);
            }
        }

        HttpClient metricsClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        LoadServer.awaitHealthy(metricsClient, base.resolve("health"), SERVER_TIMEOUT);
        try (JMXConnector connector = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + jmx + "/jmxrmi"))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            com.sun.management.OperatingSystemMXBean os = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, com.sun.management.OperatingSystemMXBean.class);
            Probe probe = new Probe(os, metricsClient, base.resolve("metrics"));
            String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

            probe.awaitRoomGauge(0, CLEANUP_TIMEOUT);
            for (String drop : drops) {
                storm(probe, base, Math.min(WARM_CONNECTIONS, members), drop, "warm-" + drop + "-" + run);
            }
            for (String drop : drops) {
                Figures f;
                try {
                    f = storm(probe, base, members, drop, "storm-" + drop + "-" + run);
                } catch (IllegalStateException e) {
                    parsed.report(label + ": close storm (" + drop + ") of " + members
                            + " idle members of one room failed: " + e.getMessage());
                    throw e;
                }
                String result = String.format(Locale.ROOT,
                        "%s: close storm (%s) of %d idle members of one room: connects %.2f s CPU, %.2f s wall;"
                                + " drop to gauge 0 %.2f s CPU, %.2f s wall; to quiet %.2f s CPU, %.2f s wall%s;"
                                + " machine load average %.1f on %d cores",
                        label, drop, members, f.connectCpu, f.connectWall, f.dropCpu, f.dropWall,
                        f.quietCpu, f.quietWall, f.quiet ? "" : " (not quiet within " + QUIET_TIMEOUT.toSeconds() + " s)",
                        os.getSystemLoadAverage(), os.getAvailableProcessors());
                parsed.report(result);
            }
        }
    }

    /** Figures of one storm, in seconds. */
    private record Figures(double connectCpu, double connectWall, double dropCpu, double dropWall,
                           double quietCpu, double quietWall, boolean quiet) {
    }

    /** Opens {@code n} members of {@code room}, lets the server settle, drops them all and waits for cleanup. */
    private static Figures storm(Probe probe, URI base, int n, String drop, String room) throws Exception {
        // one client per storm: its selector thread is not shared with a previous storm's leftovers
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        System.out.println("opening " + n + " members of " + room + " at " + Instant.now());
        long cpu0 = probe.cpu();
        long t0 = System.nanoTime();
        List<WebSocket> sockets = open(http, base, n, room);
        long t1 = System.nanoTime();
        long cpu1 = probe.cpu();
        probe.awaitQuiet(QUIET_TIMEOUT);

        System.out.println("dropping " + n + " members of " + room + " (" + drop + ") at " + Instant.now());
        long cpu2 = probe.cpu();
        long t2 = System.nanoTime();
        if (drop.equals("abort")) {
            for (WebSocket ws : sockets) {
                ws.abort();
            }
        } else {
            for (WebSocket ws : sockets) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
            }
        }
        boolean cleaned = probe.awaitRoomGauge(0, CLEANUP_TIMEOUT);
        long t3 = System.nanoTime();
        long cpu3 = probe.cpu();
        boolean quiet = probe.awaitQuiet(QUIET_TIMEOUT);
        long t4 = probe.quietSince();
        long cpu4 = probe.quietCpu();
        for (WebSocket ws : sockets) {
            ws.abort();  // whatever the close left open on the client's side
        }
        if (!cleaned) {
            throw new IllegalStateException("room connections not back to 0 within " + CLEANUP_TIMEOUT.toSeconds()
                    + " s of dropping " + n + " (" + drop + ")");
        }
        return new Figures(seconds(cpu1 - cpu0), seconds(t1 - t0), seconds(cpu3 - cpu2), seconds(t3 - t2),
                seconds(cpu4 - cpu2), seconds(t4 - t2), quiet);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }



    /** Opens {@code n} members of one room, a hundred handshakes at a time, and waits for every welcome. */
    private static List<WebSocket> open(HttpClient http, URI base, int n, String room) throws InterruptedException {
        String wsBase = base.toString().replaceFirst("^http", "ws");
        CountDownLatch welcomed = new CountDownLatch(n);
        AtomicInteger failed = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>(n);
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            URI uri = URI.create(wsBase + "ws/room/" + room + "?name=m" + i);
            pending.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, new IdleMember(welcomed)).whenComplete((ws, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            welcomed.countDown();
                        }
                    }));
            if (pending.size() == 100) {
                LoadServer.collect(pending, sockets);
            }
        }
        LoadServer.collect(pending, sockets);
        long left = Math.max(0, deadline - System.nanoTime());
        if (sockets.size() + failed.get() < n || !welcomed.await(left, TimeUnit.NANOSECONDS) || failed.get() > 0) {
            sockets.forEach(WebSocket::abort);
            throw new IllegalStateException((n - welcomed.getCount() - failed.get()) + " of " + n + " welcomed and "
                    + failed.get() + " failed within " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        return sockets;
    }

    /** The server's CPU time (JMX) and its room connections ({@code /metrics}). */
    private static final class Probe {
        private final com.sun.management.OperatingSystemMXBean os;
        private final HttpClient http;
        private final URI metrics;
        private long quietSince;
        private long quietCpu;

        Probe(com.sun.management.OperatingSystemMXBean os, HttpClient http, URI metrics) {
            this.os = os;
            this.http = http;
            this.metrics = metrics;
        }

        long cpu() {
            return os.getProcessCpuTime();
        }

        /** Waits until the room gauge reads {@code expected}; false when it did not within {@code timeout}. */
        boolean awaitRoomGauge(int expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (roomConnections() == expected) {
                    return true;
                }
                Thread.sleep(POLL_MS);
            }
            return false;
        }

        /**
         * Waits until the server used under {@link #QUIET_SHARE} of one core over a window; then
         * {@link #quietSince} and {@link #quietCpu} are the time and CPU at that window's start.
         */
        boolean awaitQuiet(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long start = System.nanoTime();
            long cpu = cpu();
            while (true) {
                Thread.sleep(QUIET_WINDOW_MS);
                long now = System.nanoTime();
                long nowCpu = cpu();
                if (nowCpu - cpu < QUIET_SHARE * (now - start)) {
                    quietSince = start;
                    quietCpu = cpu;
                    return true;
                }
                if (now > deadline) {
                    quietSince = now;
                    quietCpu = nowCpu;
                    return false;
                }
                start = now;
                cpu = nowCpu;
            }
        }

        long quietSince() {
            return quietSince;
        }

        long quietCpu() {
            return quietCpu;
        }

        /** The gauge's value, or -1 when {@code /metrics} did not answer or has no such line. */
        int roomConnections() throws InterruptedException {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = ROOM_GAUGE.matcher(r.body());
                return r.statusCode() == 200 && m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
