package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.Origin;
import dev.parley.broker.Received;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.Subscription;
import dev.parley.testing.RedisSentinel;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The other ways to reach a Redis: through Sentinel, and over TLS, against real servers. */
class RedisAccessTest {

    @Test
    void sentinelNamesTheMasterTheBrokerUses() {
        try (RedisServer master = RedisServer.start();
             RedisSentinel sentinel = RedisSentinel.watching(master, "parley");
             RedisBroker broker = RedisBroker.connect(sentinel.url(), 3, 10, Duration.ofDays(1))) {
            assertRoomWorks(broker);
        }
    }

    @Test
    void sentinelThatKnowsNoSuchMasterStopsTheStart() {
        try (RedisServer master = RedisServer.start();
             RedisSentinel sentinel = RedisSentinel.watching(master, "parley")) {
            String url = sentinel.url().replace("#parley", "#other");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RedisBroker.connect(url, 3, 10, Duration.ofDays(1)).close());
            assertTrue(e.getMessage().startsWith("parley.broker: cannot reach Redis at redis-sentinel://"),
                    e.getMessage());
        }
    }

    @Test
    void tlsWithPeerVerificationOffConnects(@TempDir Path dir) {
        TlsFiles tls = TlsFiles.selfSigned(dir);
        int tlsPort = RedisServer.freePort();
        try (RedisServer server = RedisServer.startWith(tls.redisOptions(tlsPort));
             RedisBroker broker = RedisBroker.connect("rediss://127.0.0.1:" + tlsPort + "?verifyPeer=NONE", 3, 10,
                     Duration.ofDays(1))) {
            assertRoomWorks(broker);
        }
    }

    @Test
    void tlsToACertificateTheJvmDoesNotTrustStopsTheStart(@TempDir Path dir) {
        TlsFiles tls = TlsFiles.selfSigned(dir);
        int tlsPort = RedisServer.freePort();
        try (RedisServer server = RedisServer.startWith(tls.redisOptions(tlsPort))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RedisBroker.connect("rediss://127.0.0.1:" + tlsPort, 3, 10, Duration.ofDays(1)).close());
            assertTrue(e.getMessage().startsWith("parley.broker: cannot reach Redis at rediss://127.0.0.1:"),
                    e.getMessage());
        }
    }

    private static void assertRoomWorks(RedisBroker broker) {
        Received<RoomEvent> got = new Received<>();
        try (Subscription ignored = broker.rooms().subscribe("lobby", got)) {
            RoomMessage sent = broker.rooms().publish("lobby", "alice", "hi", new Origin("c1", null));
            assertEquals(List.of(sent.id()), got.await(1).stream().map(e -> ((RoomMessage) e).id()).toList());
        }
        assertEquals(List.of("hi"), broker.rooms().snapshot("lobby", null, 10).history().messages().stream()
                .map(RoomMessage::text).toList());
    }
}
