package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.broker.Broker;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.MessageDataContract;
import dev.parley.broker.Origin;
import dev.parley.broker.RoomMessage;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisMessageDataTest extends MessageDataContract {
    @RegisterExtension
    static final RedisContracts REDIS = new RedisContracts();

    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return REDIS.broker(historySize, inboxSize, retention);
    }

    /** Runs {@code work} with a plain connection to the test's Redis. */
    private static void withRedis(java.util.function.Consumer<RedisCommands<String, String>> work) {
        RedisClient client = RedisClient.create(REDIS.server().url());
        try (var connection = client.connect()) {
            work.accept(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void dataIsKeptAsItsJsonTextInsideTheEntry() {
        rooms.publish("lobby", "alice", null, DATA, new Origin("c1", null));
        users.send("alice", "bob", "hi", DATA);
        withRedis(redis -> {
            String roomEntry = redis.xrange("parley:{r:lobby}:history", io.lettuce.core.Range.create("-", "+"))
                    .get(0).getBody().get("e");
            JsonObject room = json(roomEntry);
            assertEquals(DATA.toString(), room.getString("data"));
            assertNull(room.get("text"), "no text, none stored");
            JsonObject direct = json(redis.hget("parley:{u:bob}:bodies", "1"));
            assertEquals(DATA.toString(), direct.getString("data"));
            assertEquals("hi", direct.getString("text"));
        });
    }

    @Test
    void entriesWrittenBeforeMessagesHadDataAreStillRead() {
        long sec = Instant.now().getEpochSecond();
        String room = "{\"k\":\"m\",\"seq\":1,\"sec\":" + sec + ",\"usec\":5,\"from\":\"alice\",\"text\":\"old\","
                + "\"conn\":\"c1\",\"ref\":\"r1\"}";
        String direct = "{\"k\":\"d\",\"seq\":1,\"sec\":" + sec + ",\"usec\":5,\"from\":\"alice\",\"to\":\"bob\","
                + "\"text\":\"old\"}";
        withRedis(redis -> {
            redis.hset("parley:{r:lobby}:meta", "seq", "1");
            redis.xadd("parley:{r:lobby}:history", new io.lettuce.core.XAddArgs().id("1-0"), "e", room);
            redis.hset("parley:{u:bob}:meta", "seq", "1");
            redis.zadd("parley:{u:bob}:retained", 1, "1");
            redis.zadd("parley:{u:bob}:pending", 1, "1");
            redis.hset("parley:{u:bob}:bodies", "1", direct);
            redis.incr("parley:undelivered");
        });
        List<RoomMessage> history = rooms.snapshot("lobby", null, 10).history().messages();
        assertEquals(1, history.size());
        assertEquals("old", history.get(0).text());
        assertNull(history.get(0).data());
        assertEquals(new Origin("c1", "r1"), history.get(0).origin());
        List<DirectMessage> pending = users.pending("bob").messages();
        assertEquals(1, pending.size());
        assertEquals("old", pending.get(0).text());
        assertNull(pending.get(0).data());
        // and the new ones come after them in the same stores
        assertEquals(DATA, rooms.publish("lobby", "alice", null, DATA, new Origin("c1", null)).data());
        assertEquals(2, rooms.snapshot("lobby", null, 10).history().messages().size());
    }
}
