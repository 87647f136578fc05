package dev.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.ClientFrames;
import dev.parley.testing.RedisServer;
import dev.parley.testing.WsClient;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis drops every pub/sub connection (CLIENT KILL TYPE pubsub) while 200 messages are published: what the
 * nodes missed meanwhile they take from the room's stream, so every member still gets all 200, in order, once.
 */
class GapRepairIT {
    private static final int MESSAGES = 200;

    private static RedisServer redis;
    private static NodeProcess a;
    private static NodeProcess b;

    @BeforeAll
    static void startCluster() {
        redis = RedisServer.start();
        List<NodeProcess> pair = NodeProcess.tomcatPair("gap", redis.url());
        a = pair.get(0);
        b = pair.get(1);
    }

    @AfterAll
    static void stopCluster() {
        NodeProcess.closeAll(a, b, redis);
    }

    @Test
    void membersGetEveryMessageAcrossAPubSubDisconnect() {
        List<WsClient> members = new ArrayList<>();
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            for (int i = 0; i < 3; i++) {
                members.add(WsClient.connect(a.base(), "ws/room/gap?name=ma" + i));
                members.add(WsClient.connect(b.base(), "ws/room/gap?name=mb" + i));
            }
            members.forEach(m -> m.next("welcome"));
            WsClient writer = members.get(0);

            long killed = 0;
            for (int i = 0; i < MESSAGES; i++) {
                writer.send(ClientFrames.message("g-" + i).json());
                if (i == MESSAGES / 4 || i == MESSAGES / 2) {
                    killed += admin.sync().clientKill(KillArgs.Builder.typePubsub());
                }
                sleep(5);
            }
            assertTrue(killed >= 2, "each node's pub/sub connection was dropped (" + killed + " killed)");

            List<String> expected = IntStream.range(0, MESSAGES).mapToObj(i -> "g-" + i).toList();
            List<String> ids = null;
            for (WsClient member : members) {
                List<JsonObject> got = Received.upTo(member, "message", MESSAGES, Duration.ofSeconds(15));
                assertEquals(expected, Received.texts(got), "all of them, in order, once, at " + member);
                if (ids == null) {
                    ids = Received.ids(got);
                } else {
                    assertEquals(ids, Received.ids(got), "the same ids at " + member);
                }
            }
            for (WsClient member : members) {
                member.expectNoFrame(Duration.ofMillis(200));
                assertTrue(member.isOpen(), member + " stayed open");
            }
        } finally {
            members.forEach(WsClient::close);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
