package dev.parley.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Measures what idle room connections cost a running Parley: it reads the
 * server's heap after a full GC (over JMX) and its resident set (from /proc,
 * the server being on this machine), opens N room connections that then stay
 * idle, reads both again, and prints the difference per connection and per
 * thousand, the time the N connections took to open (each welcomed), and the
 * classes whose live instances grew most. Loopback only, bounded in count and
 * time.
 *
 * <p>Run by {@code ./mvnw -Pfootprint verify}, which starts Tomcat (Cargo) and
 * Payara Micro with JMX on loopback ports and runs this once against each.
 * By hand, against a server started with
 * {@code -Dcom.sun.management.jmxremote.port=9010 -Dcom.sun.management.jmxremote.host=127.0.0.1
 * -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false}:
 *
 * <pre>
 * java -cp target/test-classes dev.parley.load.ConnectionFootprint http://localhost:8080/ localhost:9010 2000 50 tomcat
 * </pre>
 *
 * Arguments: base URL, JMX host:port, connections (at most 10,000), members per
 * room, and a label; optionally a file that gets the result line appended.
 */
public final class ConnectionFootprint {
    private static final int MAX_CONNECTIONS = 10_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(180);

    private ConnectionFootprint() {
    }

    public static void main(String[] args) throws Exception {
        LoadServer.Args parsed = LoadServer.Args.parse(args,
                "ConnectionFootprint <base url> <jmx host:port> <connections> <room size> <label> [result file]");
        URI base = parsed.base();
        String jmx = parsed.jmx();
        int connections = Integer.parseInt(parsed.first());
        int roomSize = Integer.parseInt(parsed.second());
        String label = parsed.label();
        if (connections < 1 || connections > MAX_CONNECTIONS || roomSize < 1) {
            throw new IllegalArgumentException("connections must be 1.." + MAX_CONNECTIONS + " and room size positive");
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        LoadServer.awaitHealthy(http, base.resolve("health"), SERVER_TIMEOUT);
        try (JMXConnector connector = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + jmx + "/jmxrmi"))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);

            // warm up: one room of connections opened and closed, so classes and pools exist
            closeAll(open(http, base, Math.min(roomSize, connections), roomSize, "warm"));
            Thread.sleep(1_000);
            long before = LoadServer.settledHeap(memory);
            long rssBefore = LoadServer.residentBytes(runtime.getPid());
            HeapHistogram histogramBefore = HeapHistogram.of(server);
            int threadsBefore = threads.getThreadCount();

            long start = System.nanoTime();
            List<WebSocket> open = open(http, base, connections, roomSize, "fp");
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(2_000);
            long after = LoadServer.settledHeap(memory);
            long rssAfter = LoadServer.residentBytes(runtime.getPid());
            HeapHistogram histogramAfter = HeapHistogram.of(server);
            List<String> grown = histogramAfter.growthSince(histogramBefore, connections, 15, "");
            List<String> grownOwn = histogramAfter.growthSince(histogramBefore, connections, 12, "dev.parley.");
            int threadsAfter = threads.getThreadCount();
            closeAll(open);

            double perConnection = (after - before) / (double) connections;
            String result = String.format(Locale.ROOT,
                    "%s: %d idle room connections (%d per room) opened in %d ms; heap after full GC %.1f MB -> %.1f MB:"
                            + " %.1f KB per connection, %.1f MB per 1000; resident set %.1f MB -> %.1f MB: %.1f KB per"
                    + " connection; server threads %d -> %d",
                    label, connections, roomSize, openMillis, before / 1e6, after / 1e6,
                    perConnection / 1024, perConnection * 1000 / (1024 * 1024), rssBefore / 1e6, rssAfter / 1e6,
                    (rssAfter - rssBefore) / 1024.0 / connections, threadsBefore, threadsAfter);
            parsed.report(result);
            parsed.report(label + ": live heap grown most, by class:" + System.lineSeparator()
                    + String.join(System.lineSeparator(), grown) + System.lineSeparator()
                    + label + ": of which Parley's own classes:" + System.lineSeparator()
                    + String.join(System.lineSeparator(), grownOwn));
        }
    }




    /** Opens {@code n} room connections, {@code roomSize} to a room, and waits for every welcome. */
    private static List<WebSocket> open(HttpClient http, URI base, int n, int roomSize, String prefix)
            throws InterruptedException {
        String wsBase = base.toString().replaceFirst("^http", "ws");
        CountDownLatch welcomed = new CountDownLatch(n);
        AtomicInteger failed = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>(n);
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            URI uri = URI.create(wsBase + "ws/room/" + prefix + "-" + (i / roomSize) + "?name=u" + i);
            pending.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, new IdleMember(welcomed)).whenComplete((ws, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            welcomed.countDown();
                        }
                    }));
            if (pending.size() == 100) {  // a hundred handshakes at a time
                LoadServer.collect(pending, sockets);
            }
        }
        LoadServer.collect(pending, sockets);
        if (!welcomed.await(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || failed.get() > 0) {
            closeAll(sockets);
            throw new IllegalStateException(failed.get() + " of " + n + " connections failed, or welcomes missing");
        }
        return sockets;
    }

    private static void closeAll(List<WebSocket> sockets) throws InterruptedException {
        for (WebSocket ws : sockets) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        Thread.sleep(1_000);
        for (WebSocket ws : sockets) {
            ws.abort();
        }
    }
}
