package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.exception.DeploymentHandshakeException;

/**
 * A small WebSocket client for tests, on Tyrus. It queues every text frame
 * it receives; {@link #next()} takes the next one as JSON, failing the test
 * with a clear message when none arrives in time.
 *
 * <pre>{@code
 * try (WsClient alice = WsClient.connect(base, "ws/room/lobby?name=alice")) {
 *     assertEquals("welcome", alice.next().getString("type"));
 *     alice.send("{\"text\":\"hi\"}");
 *     assertEquals("hi", alice.next("message").getString("text"));
 * }
 * }</pre>
 */
public final class WsClient implements AutoCloseable {

    /** How long {@link #next()} and {@link #awaitClose()} wait: 5 s, or -Dparley.test.wait.ms. */
    public static final Duration WAIT = Duration.ofMillis(Long.getLong("parley.test.wait.ms", 5000));

    /**
     * One Tyrus client for the test JVM. {@code new ClientManager()} is what
     * {@code ClientManager.createClient()} builds (Tyrus, explicitly:
     * ContainerProvider would depend on classpath order, and Tomcat's client is
     * on the test classpath too), except that it keeps its executors: Tyrus
     * shuts them down whenever the manager's last session closes, and a session
     * opened in that moment fails its first send with RejectedExecutionException.
     * Its threads are daemons.
     */
    private static final ClientManager CLIENT = newClient();

    private static ClientManager newClient() {
        ClientManager client = new ClientManager() {
            @Override
            protected void shutdown(ShutDownCondition condition) {
                // keep the executors for the life of the JVM
            }
        };
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 10_000);
        return client;
    }

    private final URI uri;
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> binaries = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    /** The last frames received, taken or not, for failure messages. */
    private final Deque<String> history = new ArrayDeque<>();
    private int received;
    private Session session;

    private WsClient(URI uri) {
        this.uri = uri;
    }

    /** Connects to {@code uri}, failing the test if the handshake does not succeed. */
    public static WsClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /** Connects to {@code pathAndQuery} under a base URL; see {@link Urls#ws(URL, String)} for the encoding. */
    public static WsClient connect(URL base, String pathAndQuery) {
        return connect(Urls.ws(base, pathAndQuery));
    }

    /** Connects with extra handshake headers (for example {@code Origin}). */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        WsClient client = new WsClient(uri);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> request) {
                        headers.forEach((name, value) -> request.put(name, List.of(value)));
                    }
                })
                .build();
        try {
            client.session = connectOnceMore(client, config, uri);
        } catch (DeploymentHandshakeException e) {
            throw new AssertionError("WebSocket handshake with " + uri + " refused with HTTP "
                    + e.getHttpStatusCode() + " (" + e.getMessage() + ")", e);
        } catch (DeploymentException | IOException e) {
            throw new AssertionError("WebSocket handshake with " + uri + " failed: " + e, e);
        }
        return client;
    }

    /**
     * A handshake that got no HTTP answer at all is tried once more, as any client retries a failed connect.
     * Payara Micro (Grizzly) now and then loses the answer to one handshake while other connections of the
     * same test close around it (docs/DEPLOY.md, Payara notes), and Tyrus's own client now and then fails a
     * connect inside Grizzly before it sends anything ("connection" is null in GrizzlyClientSocket). A
     * second failure still fails the test, and a refusal with an HTTP status is never retried.
     * RefusalsLeaveOtherHandshakesAloneIT, on raw sockets, keeps checking that Parley's own refusals leave
     * other handshakes alone.
     */
    private static Session connectOnceMore(WsClient client, ClientEndpointConfig config, URI uri)
            throws DeploymentException, IOException {
        try {
            return CLIENT.connectToServer(client.new Listener(), config, forTyrus(uri));
        } catch (DeploymentException e) {
            if (e instanceof DeploymentHandshakeException) {
                throw e;
            }
            System.err.println("WsClient: the handshake with " + uri + " got no answer (" + e.getMessage()
                    + "); trying once more");
            return CLIENT.connectToServer(client.new Listener(), config, forTyrus(uri));
        }
    }

    /**
     * Tyrus 2.1.5 writes the request line from {@link URI#getPath()}, the
     * <em>decoded</em> path: {@code /ws/user/%E6%9D%8E} goes out as
     * {@code /ws/user/N} (each char cut to a byte) and Tomcat answers 400. So
     * the path is escaped once more, and its decoded form is the encoded path
     * we mean. The query is sent raw already.
     */
    static URI forTyrus(URI uri) {
        if (uri.getRawPath() == null || uri.getRawPath().indexOf('%') < 0) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath().replace("%", "%25")
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Sends one text frame. */
    public synchronized void send(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (RejectedExecutionException e) {
            // Tyrus restarts its idle timer after the write; when the server closed the
            // connection meanwhile (say, with 1009 for this very frame) its timer is gone.
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("could not send to " + uri + ": " + e + "; " + state(), e);
        }
    }

    /** Sends one binary frame. */
    public synchronized void sendBinary(byte[] data) {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        } catch (RejectedExecutionException e) {
            // Tyrus restarts its idle timer after the write; when the server closed the
            // connection meanwhile (say, with 1009 for this very frame) its timer is gone.
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("could not send to " + uri + ": " + e + "; " + state(), e);
        }
    }

    /** The next text frame, waiting up to {@link #WAIT}. */
    public String nextText() {
        return nextText(WAIT);
    }

    /** The next text frame, waiting up to {@code wait}; fails the test if none arrives. */
    public String nextText(Duration wait) {
        String text = poll(wait.toNanos());
        if (text == null) {
            fail("no frame from " + uri + " within " + wait.toMillis() + " ms; " + state());
        }
        return text;
    }

    /** The next text frame as a JSON object, waiting up to {@link #WAIT}. */
    public JsonObject next() {
        return parse(nextText());
    }

    /** The next text frame whose {@code type} is {@code type}, skipping frames of other types. */
    public JsonObject next(String type) {
        return next(type, WAIT);
    }

    /** As {@link #next(String)}, waiting up to {@code wait} in all. */
    public JsonObject next(String type, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String text = poll(deadline - System.nanoTime());
            if (text == null) {
                fail("no \"" + type + "\" frame from " + uri + " within " + wait.toMillis() + " ms; " + state());
            }
            JsonObject frame = parse(text);
            if (type.equals(frame.getString("type", null))) {
                return frame;
            }
        }
    }

    /** The next text frame already received, or null: for reading what came before a close. */
    public String pollText() {
        return texts.poll();
    }

    /** Fails the test if a text frame arrives within {@code wait}. */
    public void expectNoFrame(Duration wait) {
        String text = poll(wait.toNanos());
        if (text != null) {
            fail("expected no frame from " + uri + " within " + wait.toMillis() + " ms, got: " + text);
        }
    }

    /** Binary frames received so far (Parley sends none; a test may check that). */
    public BlockingQueue<ByteBuffer> binaries() {
        return binaries;
    }

    /** Waits up to {@link #WAIT} for the server to close the connection, and returns why. */
    public CloseReason awaitClose() {
        return awaitClose(WAIT);
    }

    /** Waits up to {@code wait} for the connection to close, and returns why. */
    public CloseReason awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("connection to " + uri + " still open after " + wait.toMillis() + " ms; " + state());
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    /** The Tyrus session, for what this class does not cover. */
    public Session session() {
        return session;
    }

    public URI uri() {
        return uri;
    }

    /** Closes with 1000 (if still open) and waits briefly for the close handshake. */
    @Override
    public void close() {
        if (session != null && session.isOpen()) {
            try {
                session.close();
                closed.get(2, TimeUnit.SECONDS);
            } catch (IOException | ExecutionException | TimeoutException e) {
                // the test is over; a close that does not finish is no failure of it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "WsClient[" + uri + "]";
    }

    /** The next text frame within {@code nanos}, or null; returns early once the connection has closed. */
    private String poll(long nanos) {
        long deadline = System.nanoTime() + nanos;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String text = texts.poll(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50))),
                        TimeUnit.NANOSECONDS);
                if (text != null || left <= 0) {
                    return text;
                }
                if (closed.isDone()) {
                    return texts.poll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException e) {
            return fail("frame from " + uri + " is not a JSON object: " + text, e);
        }
    }

    private String state() {
        StringBuilder s = new StringBuilder();
        synchronized (history) {
            s.append(history.isEmpty() ? "no frame received so far; "
                    : "frames received so far" + (received > history.size() ? " (last " + history.size() + ")" : "")
                            + ":\n  " + String.join("\n  ", history) + "\n");
        }
        CloseReason reason = closed.getNow(null);
        s.append(reason == null ? "connection open"
                : "connection closed with " + reason.getCloseCode().getCode() + " \"" + reason.getReasonPhrase() + "\"");
        if (!errors.isEmpty()) {
            s.append("; errors: ").append(errors);
        }
        return s.toString();
    }

    private final class Listener extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                synchronized (history) {
                    received++;
                    history.addLast(text.length() > 300 ? text.substring(0, 300) + "..." : text);
                    if (history.size() > 20) {
                        history.removeFirst();
                    }
                }
                texts.add(text);
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) binaries::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }

        @Override
        public void onError(Session session, Throwable error) {
            errors.add(error);
        }
    }
}
