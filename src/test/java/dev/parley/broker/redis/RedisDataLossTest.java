package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.Origin;
import dev.parley.broker.Received;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real redis-server stopped and started again on the same port under a running broker: once with no
 * persistence (it comes back empty), once from an append-only file cut short (it comes back with fewer
 * messages than the node saw, as {@code appendfsync everysec} can after a crash). Either way no id from
 * before is misread. The process is this test's own, so that it can start it again on its port.
 */
class RedisDataLossTest {
    private final int port = RedisServer.freePort();
    private final Path dir = tempDir();
    private Process redis;
    private RedisBroker broker;
    private final Received<RoomEvent> lobby = new Received<>();
    private final AtomicInteger lost = new AtomicInteger();

    @AfterEach
    void stopAll() throws IOException {
        if (broker != null) {
            broker.close();
        }
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("parley-redis-loss-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start(List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(RedisServer.EXECUTABLE.toString(), "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir.toString(),
                "--logfile", "redis.log"));
        command.addAll(options);
        redis = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.txt").toFile())).start();
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    if ("PONG".equals(c.sync().ping())) {
                        return;
                    }
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        fail("redis-server did not start: see " + dir.resolve("redis.log"));
                    }
                    sleep(20);
                }
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** SIGTERM: Redis shuts down as it does when asked to stop, writing no snapshot ({@code --save ""}). */
    private void stop() {
        if (redis == null) {
            return;
        }
        redis.destroy();
        try {
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            redis.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        broker = RedisBroker.connect("redis://127.0.0.1:" + port, 100, 100, Duration.ofDays(30));
        broker.rooms().subscribe("lobby", lobby, lost::incrementAndGet);
    }

    private RoomMessage publish(String text) {
        return broker.rooms().publish("lobby", "alice", text, new Origin("c1", null));
    }

    private static <T> T whenConnected(Supplier<T> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return call.get();
            } catch (BrokerUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(20);
            }
        }
    }

    private void awaitLost() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (lost.get() == 0) {
            if (System.nanoTime() > deadline) {
                fail("the lost stream was never signalled");
            }
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRedisRestartedEmptyAnswersSinceFromBeforeWithRecoveredFalse() throws IOException {
        start(List.of("--appendonly", "no"));
        listen();
        publish("m1");
        RoomMessage before = publish("m2");
        String direct = broker.users().send("alice", "bob", "d1").message().id();
        lobby.await(2);

        stop();
        start(List.of("--appendonly", "no"));

        RoomMessage after = whenConnected(() -> publish("again"));
        assertEquals(1, after.seq(), "the room starts again");
        assertNotEquals(before.id().substring(0, before.id().lastIndexOf('-')),
                after.id().substring(0, after.id().lastIndexOf('-')), "under a new epoch");
        assertEquals(Boolean.FALSE, broker.rooms().snapshot("lobby", before.id(), 10).history().recovered());
        broker.users().send("alice", "bob", "d2");
        assertEquals(Boolean.FALSE, broker.users().catchUp("bob", direct).recovered());
        awaitLost();
    }

    private Path incrementalAof() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("appendonlydir"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".incr.aof")).findFirst().orElseThrow();
        }
    }

    @Test
    void aRedisBackFromAnAppendOnlyFileCutShortGivesTheRoomANewEpoch() throws IOException {
        List<String> aof = List.of("--appendonly", "yes", "--appendfsync", "always", "--aof-load-truncated", "yes");
        start(aof);
        listen();
        List<RoomMessage> sent = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            sent.add(publish("m" + i));
        }
        long keptBytes = Files.size(incrementalAof());
        for (int i = 8; i <= 10; i++) {
            sent.add(publish("m" + i));
        }
        lobby.await(10);
        String epoch = sent.get(0).id().substring(0, sent.get(0).id().lastIndexOf('-'));

        stop();
        try (RandomAccessFile file = new RandomAccessFile(incrementalAof().toFile(), "rw")) {
            assertTrue(file.length() > keptBytes + 20);
            file.setLength(keptBytes + 20); // the file ends inside the eighth message's command
        }
        start(aof);

        awaitLost();
        assertEquals(Boolean.FALSE, broker.rooms().snapshot("lobby", sent.get(9).id(), 10).history().recovered(),
                "an id the lost messages had");
        assertEquals(Boolean.FALSE, broker.rooms().snapshot("lobby", sent.get(6).id(), 10).history().recovered(),
                "an id from before the new epoch");
        RoomMessage next = publish("m8 again");
        assertEquals(8, next.seq(), "Redis came back with the first seven");
        assertNotEquals(epoch, next.id().substring(0, next.id().lastIndexOf('-')), "under a new epoch");
        assertEquals(Boolean.TRUE, broker.rooms().snapshot("lobby", next.id(), 10).history().recovered());
    }
}
