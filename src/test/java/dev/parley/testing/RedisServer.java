package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process on a free loopback port, for the Redis broker's tests. Started
 * with no persistence (or with an append-only file when a test needs one), in its own temporary
 * directory; stopped by its process id, also when the JVM exits.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     String url = redis.url();   // redis://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");

    /** How long a start may take before the test fails. */
    private static final Duration START = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;

    private volatile Process process;
    private final int port;
    private final Path dir;
    private final List<String> options;
    private final Thread onExit;

    private RedisServer(Process process, int port, Path dir, List<String> options) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.options = options;
        this.onExit = new Thread(this::shutdown, "redis-server-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** A server that keeps nothing on disk. */
    public static RedisServer start() {
        return start(false);
    }

    /** A server that logs every write to an append-only file (fsync every second) when {@code aof}. */
    public static RedisServer start(boolean aof) {
        return startWith(aof
                ? List.of("--appendonly", "yes", "--appendfsync", "everysec")
                : List.of("--appendonly", "no"));
    }

    /** A server with these options added to the loopback port, no snapshots and its own directory. */
    public static RedisServer startWith(List<String> options) {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: the build's scripts/ensure-redis installs it");
        }
        Path dir = tempDir();
        IllegalStateException last = null;
        // a free port may be taken between finding it and the server binding it: try another
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            Process process = launch(port, dir, options);
            if (answersPing(process, port)) {
                return new RedisServer(process, port, dir, List.copyOf(options));
            }
            process.destroyForcibly();
            last = new IllegalStateException("redis-server did not answer PING on port " + port
                    + "; its log: " + dir.resolve("redis.log"));
        }
        throw last;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://" + host() + ":" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the server answers PING now. */
    public boolean ping() {
        return ping(port);
    }

    /**
     * Stops the server as its operator would (SIGTERM: an append-only file is written out), keeping its
     * port and directory for {@link #restart}.
     */
    public void stop() {
        Process running = process;
        running.destroy();
        try {
            if (!running.waitFor(5, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a stopped server again on the same port, in the same directory and with the same options:
     * with an append-only file it comes back with its data, without one it comes back empty.
     */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is running");
        }
        Process started = launch(port, dir, options);
        process = started;
        if (!answersPing(started, port)) {
            throw new IllegalStateException("redis-server did not answer PING again on port " + port
                    + "; its log: " + dir.resolve("redis.log"));
        }
    }

    @Override
    public void close() {
        shutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs anyway
        }
    }

    private void shutdown() {
        stop();
        deleteQuietly(dir);
    }

    private static Process launch(int port, Path dir, List<String> options) {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--dir", dir.toString(), "--daemonize", "no", "--logfile", "redis.log"));
        command.addAll(options);
        try {
            return new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + EXECUTABLE, e);
        }
    }

    private static boolean answersPing(Process process, int port) {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (ping(port)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** PING in Redis's inline protocol: the harness needs no client library for one command. */
    static boolean ping(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port free now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("parley-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
