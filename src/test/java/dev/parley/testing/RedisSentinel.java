package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Sentinel ({@code redis-server --sentinel}) on a free loopback port, watching one
 * {@link RedisServer} as master under a name; stopped by its process id.
 */
public final class RedisSentinel implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final String master;
    private final Path dir;

    private RedisSentinel(Process process, int port, String master, Path dir) {
        this.process = process;
        this.port = port;
        this.master = master;
        this.dir = dir;
    }

    /** A sentinel that knows {@code server} as the master named {@code master}. */
    public static RedisSentinel watching(RedisServer server, String master) {
        Path dir = RedisServer.tempDir();
        int port = RedisServer.freePort();
        // Sentinel rewrites its configuration file, so it must be a file of its own
        Path conf = dir.resolve("sentinel.conf");
        try {
            Files.write(conf, List.of("port " + port, "bind 127.0.0.1", "daemonize no", "dir " + dir,
                    "logfile sentinel.log", "sentinel monitor " + master + " " + server.host() + " " + server.port()
                            + " 1"));
            Process process = new ProcessBuilder(RedisServer.EXECUTABLE.toString(), conf.toString(), "--sentinel")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
            long deadline = System.nanoTime() + START.toNanos();
            while (!RedisServer.ping(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("redis sentinel did not answer PING on port " + port
                            + "; its log: " + dir.resolve("sentinel.log"));
                }
                Thread.sleep(20);
            }
            return new RedisSentinel(process, port, master, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a sentinel", e);
        }
    }

    /** {@code redis-sentinel://127.0.0.1:<port>#<master>}. */
    public String url() {
        return "redis-sentinel://127.0.0.1:" + port + "#" + master;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RedisServer.deleteQuietly(dir);
    }
}
