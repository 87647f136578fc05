package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.RedisServer;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The WAR with {@code parley.broker=redis://...}: rooms and direct messages go through a real Redis. */
public class RedisBrokerIT extends ParleyIT {
    private static final RedisServer REDIS = RedisServer.start();

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.broker", REDIS.url()));
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void healthNamesTheRedisBroker() {
        JsonObject health = Json.createReader(new StringReader(
                RawWebSocket.get(Urls.http(base, "health")).body())).readObject();
        JsonObject broker = health.getJsonObject("broker");
        assertEquals("redis", broker.getString("kind"), health::toString);
        assertEquals("UP", broker.getString("status"), health::toString);
    }

    @Test
    void aRoomChatGoesThroughRedis() {
        try (WsClient alice = WsClient.connect(base, "ws/room/redis-lobby?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/redis-lobby?name=bob")) {
            alice.next("welcome");
            assertEquals(2, bob.next("welcome").getInt("memberCount"));
            alice.send("{\"type\":\"message\",\"text\":\"through redis\",\"ref\":\"c1\"}");
            JsonObject own = alice.next("message");
            JsonObject other = bob.next("message");
            assertEquals("c1", own.getString("ref"), "the sender's own copy came back through Redis with its ref");
            assertFalse(other.containsKey("ref"));
            assertEquals(own.getString("id"), other.getString("id"));
            assertEquals("through redis", other.getString("text"));
        }
        List<StreamMessage<String, String>> history = redis(r -> r.xrange("parley:{r:redis-lobby}:history",
                Range.create("-", "+")));
        assertEquals(1, history.size());
        assertTrue(history.get(0).getBody().get("e").contains("through redis"), history.toString());

        try (WsClient carol = WsClient.connect(base, "ws/room/redis-lobby?name=carol")) {
            JsonObject welcome = carol.next("welcome");
            assertEquals("through redis", welcome.getJsonArray("history").getJsonObject(0).getString("text"),
                    "the history is read back from Redis");
        }
    }

    @Test
    void aDirectMessageWaitsInRedisThenArrives() {
        String id;
        try (WsClient alice = WsClient.connect(base, "ws/user/redis-alice")) {
            alice.next("welcome");
            alice.send("{\"to\":\"redis-bob\",\"text\":\"while you were out\",\"ref\":\"r1\"}");
            JsonObject ack = alice.next("ack");
            assertEquals("stored", ack.getString("status"));
            id = ack.getString("id");
        }
        long pending = redis(r -> r.zcard("parley:{u:redis-bob}:pending"));
        assertEquals(1, pending, "the message waits in Redis");
        try (WsClient bob = WsClient.connect(base, "ws/user/redis-bob");
             WsClient alice = WsClient.connect(base, "ws/user/redis-alice")) {
            assertEquals(1, bob.next("welcome").getInt("pending"));
            JsonObject stored = bob.next("message");
            assertEquals(id, stored.getString("id"));
            assertEquals("while you were out", stored.getString("text"));

            alice.next("welcome");
            alice.send("{\"to\":\"redis-bob\",\"text\":\"live\",\"ref\":\"r2\"}");
            assertEquals("delivered", alice.next("ack").getString("status"));
            assertEquals("live", bob.next("message").getString("text"));
        }
    }

    @Test
    void theServerApiListsRoomsAndDisconnectsUsersThroughRedis() {
        ApiCalls api = new ApiCalls(base, null);
        try (WsClient one = WsClient.connect(base, "ws/user/redis-kicked");
             WsClient two = WsClient.connect(base, "ws/user/redis-kicked");
             WsClient member = WsClient.connect(base, "ws/room/redis-listed?name=alice")) {
            one.next("welcome");
            two.next("welcome");
            member.next("welcome");
            JsonObject rooms = ApiCalls.json(api.get("api/rooms?after=redis-list&limit=1"));
            assertEquals("redis-listed", rooms.getJsonArray("rooms").getJsonObject(0).getString("room"), rooms::toString);
            assertEquals(1, rooms.getJsonArray("rooms").getJsonObject(0).getInt("members"));
            assertEquals(List.of("redis-listed"), redis(r -> r.zrange("parley:rooms", 0, -1)).stream()
                    .filter(room -> room.startsWith("redis-list")).toList());

            assertEquals(202, api.post("api/users/redis-kicked/disconnect", "{\"code\":4000,\"reason\":\"bye\"}")
                    .statusCode());
            for (WsClient kicked : List.of(one, two)) {
                assertEquals(4000, kicked.awaitClose().getCloseCode().getCode());
            }
        }
    }

    @Test
    void aRepeatedIdempotencyKeyIsAnsweredFromRedis() {
        ApiCalls api = new ApiCalls(base, null);
        String body = "{\"text\":\"once\",\"from\":\"ci\"}";
        String first = api.postOnce("api/rooms/redis-idem/messages", "deploy-9", body).body();
        assertEquals(first, api.postOnce("api/rooms/redis-idem/messages", "deploy-9", body).body());
        assertEquals(1, ApiCalls.json(api.get("api/rooms/redis-idem/history")).getJsonArray("messages").size());
        assertTrue(redis(r -> r.get("parley:idempotency:/rooms/redis-idem/messages\ndeploy-9")).endsWith(first));
    }

    private static <T> T redis(Function<RedisCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create(REDIS.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
