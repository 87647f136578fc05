package dev.parley.broker.redis;

import dev.parley.broker.Disconnect;
import dev.parley.broker.Disconnects;
import dev.parley.broker.Subscription;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.function.Consumer;

/**
 * Disconnect requests over one Redis channel that every node listens to: a node without connections of
 * the user has nothing to close, and requests are rare enough for all nodes to hear each.
 */
final class RedisDisconnects implements Disconnects {
    static final String CHANNEL = "parley:disconnects";

    private final RedisCommands<String, String> redis;
    private final PubSub pubSub;

    RedisDisconnects(RedisCommands<String, String> redis, PubSub pubSub) {
        this.redis = redis;
        this.pubSub = pubSub;
    }

    @Override
    public void request(Disconnect disconnect) {
        String json = Json.createObjectBuilder().add("user", disconnect.user()).add("code", disconnect.code())
                .add("reason", disconnect.reason()).build().toString();
        Functions.call(() -> redis.publish(CHANNEL, json));
    }

    @Override
    public Subscription subscribe(Consumer<Disconnect> listener) {
        return pubSub.subscribe(CHANNEL, RedisDisconnects::decode, listener);
    }

    private static Disconnect decode(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject e = reader.readObject();
            return new Disconnect(e.getString("user"), e.getInt("code"), e.getString("reason"));
        }
    }
}
