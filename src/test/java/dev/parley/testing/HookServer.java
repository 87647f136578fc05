package dev.parley.testing;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on a free loopback port, in the test JVM, standing in for an application's publish
 * hook or events URL: every POST is recorded, and answered by a function of it, on a thread of its own
 * (so a slow answer holds up no other). Containers in other processes reach it at {@link #url()}.
 */
public final class HookServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final BlockingQueue<Call> arrivals = new LinkedBlockingQueue<>();

    /**
     * One POST as it arrived: its JSON body and its {@code Authorization} header (or null); once answered,
     * the status it was answered with (0 while it is being decided).
     */
    public record Call(JsonObject body, String authorization, int status) {
    }

    /** The answer to a call: after {@code delay}, {@code status} with {@code body} (JSON, or empty). */
    public record Reply(int status, String body, Duration delay) {
        public static Reply ok(String body) {
            return new Reply(200, body, Duration.ZERO);
        }

        public Reply after(Duration wait) {
            return new Reply(status, body, wait);
        }
    }

    private HookServer(Function<Call, Reply> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                String text;
                try (InputStream in = exchange.getRequestBody()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Call call = new Call(text.isEmpty() ? null : Json.createReader(new StringReader(text)).readObject(),
                        exchange.getRequestHeaders().getFirst("Authorization"), 0);
                arrivals.add(call);
                Reply reply = answer.apply(call);
                calls.add(new Call(call.body(), call.authorization(), reply.status()));
                if (!reply.delay().isZero()) {
                    Thread.sleep(reply.delay().toMillis());
                }
                byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** Starts a server that answers each call with {@code answer}'s reply. */
    public static HookServer start(Function<Call, Reply> answer) {
        return new HookServer(answer);
    }

    /** Where it listens: {@code http://127.0.0.1:<port>/hook}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The next call to arrive, before it is answered, waiting up to {@code wait}; null when none came. */
    public Call nextArrival(Duration wait) throws InterruptedException {
        return arrivals.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every answered call so far not yet taken, in the order they were answered. */
    public BlockingQueue<Call> calls() {
        return calls;
    }

    /** The next answered call, waiting up to {@code wait}; null when none came. */
    public Call nextCall(Duration wait) throws InterruptedException {
        return calls.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A loopback URL where nothing listens: a connection to it is refused. */
    public static URI nowhere() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
