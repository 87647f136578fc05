package dev.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testing.ClientFrames;
import dev.parley.testing.RedisServer;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes, and their Redis killed and started again: first from its append-only file (fsync on every write,
 * so that everything acknowledged is on disk), then empty. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisOutageIT {
    private static final Duration DOWN_BOUND = Duration.ofSeconds(3);
    private static final Duration BACK_BOUND = Duration.ofSeconds(30);
    private static final String REFUSED = "refused while Redis is down";

    private static RedisServer redis;
    private static NodeProcess a;
    private static NodeProcess b;

    /** What was acknowledged before the outage: the room's messages (own copies) and a stored direct message. */
    private static final List<String> ACKED_ROOM_IDS = new ArrayList<>();
    private static String storedDirectId;
    private static String lastRoomId;
    private static String lastDirectId;

    @BeforeAll
    static void startCluster() {
        redis = RedisServer.startWith(List.of("--appendonly", "yes", "--appendfsync", "always"));
        List<NodeProcess> pair = NodeProcess.tomcatPair("outage", redis.url());
        a = pair.get(0);
        b = pair.get(1);
    }

    @AfterAll
    static void stopCluster() {
        NodeProcess.closeAll(a, b, redis);
    }

    @Test
    @Order(1)
    void whileRedisIsDownNothingIsAcceptedAndTheNodesSaySo() {
        try (WsClient writer = WsClient.connect(a.base(), "ws/room/outage?name=writer");
             WsClient reader = WsClient.connect(b.base(), "ws/room/outage?name=reader");
             WsClient sender = WsClient.connect(b.base(), "ws/user/outage-sender")) {
            writer.next("welcome");
            reader.next("welcome");
            sender.next("welcome");
            for (int i = 0; i < 5; i++) {
                writer.send(ClientFrames.message("kept " + i).ref("k" + i).json());
                ACKED_ROOM_IDS.add(writer.next("message").getString("id"));
            }
            lastRoomId = ACKED_ROOM_IDS.get(ACKED_ROOM_IDS.size() - 1);
            assertEquals(ACKED_ROOM_IDS, Received.ids(Received.next(reader, "message", 5, WsClient.WAIT)));
            sender.send(ClientFrames.message("kept for later").to("outage-inbox").ref("d1").json());
            JsonObject stored = sender.next("ack");
            assertEquals("stored", stored.getString("status"));
            storedDirectId = stored.getString("id");
            lastDirectId = storedDirectId;

            redis.kill();
            long killed = System.nanoTime();
            for (NodeProcess node : List.of(a, b)) {
                awaitHealth(node, 503, killed + DOWN_BOUND.toNanos());
            }

            writer.send(ClientFrames.message(REFUSED).ref("x1").json());
            JsonObject error = writer.next("error");
            assertEquals("unavailable", error.getString("code"), error::toString);
            assertEquals("x1", error.getString("ref"));
            sender.send(ClientFrames.message(REFUSED).to("outage-inbox").ref("x2").json());
            JsonObject directError = sender.next("error");
            assertEquals("unavailable", directError.getString("code"), directError::toString);
            assertEquals("x2", directError.getString("ref"));

            for (NodeProcess node : List.of(a, b)) {
                try (WsClient late = WsClient.connect(node.base(), "ws/room/outage?name=late")) {
                    assertEquals(1013, late.awaitClose().getCloseCode().getCode(),
                            "a new connection while Redis is down, on " + node);
                }
            }
        }
    }

    @Test
    @Order(2)
    void redisBackFromItsAppendOnlyFileHasEverythingAcknowledged() {
        redis.restart();
        long restarted = System.nanoTime();
        for (NodeProcess node : List.of(a, b)) {
            awaitHealth(node, 200, restarted + BACK_BOUND.toNanos());
        }
        try (WsClient newcomer = WsClient.connect(b.base(), "ws/room/outage?name=newcomer");
             WsClient inbox = WsClient.connect(a.base(), "ws/user/outage-inbox")) {
            JsonObject welcome = newcomer.next("welcome");
            assertEquals(ACKED_ROOM_IDS, Received.ids(welcome.getJsonArray("history")), welcome::toString);
            assertFalse(Received.texts(welcome.getJsonArray("history")).contains(REFUSED));

            assertEquals(1, inbox.next("welcome").getInt("pending"), "the refused direct message was not stored");
            JsonObject message = inbox.next("message");
            assertEquals(storedDirectId, message.getString("id"));
            assertEquals("kept for later", message.getString("text"));

            newcomer.send(ClientFrames.message("after the outage").ref("n1").json());
            JsonObject own = newcomer.next("message");
            assertEquals("after the outage", own.getString("text"));
            assertFalse(ACKED_ROOM_IDS.contains(own.getString("id")), "a new id after the restart");
            lastRoomId = own.getString("id");
            inbox.expectNoFrame(Duration.ofMillis(300));
        }
    }

    @Test
    @Order(3)
    void redisBackEmptyAnswersResumeWithRecoveredFalse() {
        redis.stop();
        redis.restartEmpty();
        long restarted = System.nanoTime();
        for (NodeProcess node : List.of(a, b)) {
            awaitHealth(node, 200, restarted + BACK_BOUND.toNanos());
        }
        try (WsClient member = WsClient.connect(a.base(), "ws/room/outage?name=writer&since=" + lastRoomId);
             WsClient user = WsClient.connect(b.base(), "ws/user/outage-inbox?since=" + lastDirectId)) {
            JsonObject welcome = member.next("welcome");
            assertFalse(welcome.getBoolean("recovered"), welcome::toString);
            assertTrue(welcome.getJsonArray("history").isEmpty(), welcome::toString);
            JsonObject userWelcome = user.next("welcome");
            assertFalse(userWelcome.getBoolean("recovered"), userWelcome::toString);
        }
    }

    private static void awaitHealth(NodeProcess node, int status, long deadline) {
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = node.health();
            if (last == status) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail(node + ": /health answered " + last + ", not " + status + " in time");
    }
}
