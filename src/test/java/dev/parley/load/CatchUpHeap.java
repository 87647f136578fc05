package dev.parley.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Measures what a catching-up user connection that reads nothing costs a running Parley's heap. A sender
 * sends a user {@code K} direct messages (default 1,000) of 4,000 four-byte characters each (16,000 bytes
 * of UTF-8, the longest text {@code parley.text.max} allows) while the user is offline, so they wait in
 * the user's inbox; the first one's id comes back in its ack. The server's heap is read after full GCs
 * (over JMX); then M connections (default 50) of the user open with {@code since=<first id>}, so each is
 * owed the K - 1 messages after it, and never read a byte; once the server counts them all open, the
 * heap is read again after full GCs, and the difference per connection is printed.
 *
 * <p>The catch-up connections are raw sockets with a 4 KB receive buffer that read the handshake's
 * response and nothing after it, so what the kernel holds for them is small and about the same on
 * every run; what the server has not managed to write stays with the server.
 *
 * <p>The server needs settings this cannot set itself: a rate limit that lets the sender send K
 * messages at once ({@code -Dparley.rate.limit=1000000 -Dparley.rate.burst=1000000}), a per-address
 * connection limit above M + 1 ({@code -Dparley.connections.per.address=100000}; every connection comes
 * from 127.0.0.1), and JMX on a loopback port. Every other setting keeps Parley's default; K must fit
 * the inbox ({@code parley.inbox.size}, 1,000 by default). Run by {@code ./mvnw -Pstorm verify} after
 * {@link CloseStorm}; by hand, against such a server:
 *
 * <pre>
 * java -cp target/test-classes dev.parley.load.CatchUpHeap http://localhost:8080/ localhost:9010 50 1000 tomcat
 * </pre>
 *
 * Arguments: base URL, JMX host:port, catch-up connections (at most 1,000), messages (at most 10,000),
 * and a label; optionally a file that gets the result line appended. Loopback only; every wait is bounded.
 */
public final class CatchUpHeap {
    private static final int MAX_CONNECTIONS = 1_000;
    private static final int MAX_MESSAGES = 10_000;
    private static final String TEXT = "😀".repeat(4000);
    private static final int IN_FLIGHT = 20;
    private static final int RECEIVE_BUFFER = 4096;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(180);
    private static final long SETTLE_MS = 3_000;
    private static final Pattern FRAME_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REF = Pattern.compile("\"ref\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");

    private CatchUpHeap() {
    }

    public static void main(String[] args) throws Exception {
        LoadServer.Args parsed = LoadServer.Args.parse(args,
                "CatchUpHeap <base url> <jmx host:port> <connections> <messages> <label> [result file]");
        URI base = parsed.base();
        String jmx = parsed.jmx();
        int connections = Integer.parseInt(parsed.first());
        int messages = Integer.parseInt(parsed.second());
        String label = parsed.label();
        if (connections < 1 || connections > MAX_CONNECTIONS || messages < 2 || messages > MAX_MESSAGES) {
            throw new IllegalArgumentException("connections must be 1.." + MAX_CONNECTIONS + " and messages 2.." + MAX_MESSAGES);
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        LoadServer.awaitHealthy(http, base.resolve("health"), SERVER_TIMEOUT);
        String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        String user = "catchup-" + run;
        try (JMXConnector connector = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + jmx + "/jmxrmi"))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);

            String firstId = sendAll(http, base, "sender-" + run, user, messages);
            awaitGauge(http, base, "user", 0);
            long before = LoadServer.settledHeap(memory);

            List<Socket> sockets = new ArrayList<>(connections);
            long afterHeap;
            long start = System.nanoTime();
            long openMillis;
            try {
                long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
                for (int i = 0; i < connections; i++) {
                    sockets.add(openSilent(base, "ws/user/" + user + "?since="
                            + URLEncoder.encode(firstId, StandardCharsets.UTF_8), deadline));
                }
                openMillis = (System.nanoTime() - start) / 1_000_000;
                if (!awaitGauge(http, base, "user", connections)) {
                    throw new IllegalStateException("the server does not count " + connections + " user connections open");
                }
                Thread.sleep(SETTLE_MS);  // let the server write what the sockets take
                if (!awaitGauge(http, base, "user", connections)) {
                    throw new IllegalStateException("catch-up connections were closed by the server while they waited"
                            + " (an outbox limit?)");
                }
                afterHeap = LoadServer.settledHeap(memory);
            } finally {
                for (Socket s : sockets) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // dropping it anyway
                    }
                }
            }
            awaitGauge(http, base, "user", 0);

            double perConnection = (afterHeap - before) / (double) connections;
            String result = String.format(Locale.ROOT,
                    "%s: %d catch-up connections that read nothing, each owed %d direct messages of 16,000 UTF-8 bytes"
                            + " (%.1f MB), opened in %d ms; heap after full GC %.1f MB -> %.1f MB: %.1f KB per connection",
                    label, connections, messages - 1, (messages - 1) * 16_000 / 1e6, openMillis,
                    before / 1e6, afterHeap / 1e6, perConnection / 1024);
            parsed.report(result);
        }
    }




    /** Waits (up to 60 s) until {@code parley_connections{endpoint=...}} reads {@code expected}. */
    private static boolean awaitGauge(HttpClient http, URI base, String endpoint, int expected)
            throws InterruptedException {
        Pattern gauge = Pattern.compile("^parley_connections\\{[^}]*endpoint=\"" + endpoint + "\"[^}]*\\}\\s+([0-9.eE+-]+)",
                Pattern.MULTILINE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = gauge.matcher(r.body());
                int value = m.find() ? (int) Double.parseDouble(m.group(1)) : 0;  // no line: none open yet
                if (r.statusCode() == 200 && value == expected) {
                    return true;
                }
            } catch (IOException e) {
                // try again
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * Sends {@code count} messages to {@code to} from a connection of {@code from}, a few in flight at a
     * time, checks each ack says {@code stored}, closes the sender and answers the first message's id.
     */
    private static String sendAll(HttpClient http, URI base, String from, String to, int count) throws Exception {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws") + "ws/user/" + from), new Collect(frames))
                .get(30, TimeUnit.SECONDS);
        try {
            long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
            String welcome = frames.poll(30, TimeUnit.SECONDS);
            if (welcome == null || !"welcome".equals(type(welcome))) {
                throw new IllegalStateException("the sender got no welcome: " + welcome);
            }
            String firstId = null;
            int sent = 0;
            int acked = 0;
            CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(ws);
            while (acked < count) {
                while (sent < count && sent - acked < IN_FLIGHT) {
                    String frame = "{\"type\":\"message\",\"to\":\"" + to + "\",\"text\":\"" + TEXT + "\",\"ref\":\"m" + sent + "\"}";
                    lastSend = lastSend.thenCompose(w -> w.sendText(frame, true));
                    sent++;
                }
                long left = deadline - System.nanoTime();
                String reply = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
                if (reply == null) {
                    throw new IllegalStateException(acked + " of " + count + " messages acked within "
                            + SEND_TIMEOUT.toSeconds() + " s");
                }
                if (!"ack".equals(type(reply))) {
                    throw new IllegalStateException("the sender got " + reply);
                }
                if (!"stored".equals(group(STATUS, reply))) {
                    throw new IllegalStateException("a message to an offline user was not stored: " + reply);
                }
                if ("m0".equals(group(REF, reply))) {
                    firstId = group(ID, reply);
                }
                acked++;
            }
            if (firstId == null) {
                throw new IllegalStateException("no ack for the first message");
            }
            return firstId;
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    private static String type(String frame) {
        return group(FRAME_TYPE, frame);
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Opens a WebSocket over a plain socket with a small receive buffer, reads the handshake's response
     * up to its blank line (one byte at a time, so nothing after it is taken), and reads nothing more.
     */
    private static Socket openSilent(URI base, String path, long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            int port = base.getPort() > 0 ? base.getPort() : 80;
            socket.connect(new InetSocketAddress(base.getHost(), port), 10_000);
            socket.setSoTimeout((int) Math.max(1_000, Math.min(30_000, (deadline - System.nanoTime()) / 1_000_000)));
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            String request = "GET " + base.getPath() + path + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed during the handshake: " + head.toString(StandardCharsets.ISO_8859_1));
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (head.size() > 16_384) {
                    throw new IOException("handshake response too long");
                }
            }
            String status = head.toString(StandardCharsets.ISO_8859_1);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + status.lines().findFirst().orElse(""));
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Hands every text frame to a queue. */
    private static final class Collect implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> frames;
        private final StringBuilder text = new StringBuilder();

        Collect(LinkedBlockingQueue<String> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
