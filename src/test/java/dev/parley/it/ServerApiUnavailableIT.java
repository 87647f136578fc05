package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RedisServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The server API on a Redis broker whose Redis has gone: 503 unavailable, or per target in a broadcast. */
public class ServerApiUnavailableIT extends ParleyIT {
    private static final RedisServer REDIS = RedisServer.start();
    private static final String MESSAGE = "{\"text\":\"hi\",\"from\":\"ci\"}";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.broker", REDIS.url()));
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void withoutItsBrokerTheApiIs503AndABroadcastSaysSoPerTarget() {
        ApiCalls api = new ApiCalls(base, null);
        assertEquals(201, api.post("api/rooms/before/messages", MESSAGE).statusCode(), "Redis is there at first");
        REDIS.close();

        for (HttpResponse<String> response : List.of(
                api.post("api/rooms/r/messages", MESSAGE),
                api.post("api/users/u/messages", MESSAGE),
                api.postOnce("api/rooms/r/messages", "key-1", MESSAGE),
                api.post("api/users/u/disconnect", "{\"code\":4403}"),
                api.get("api/rooms/r/presence"),
                api.get("api/rooms/r/history"),
                api.get("api/rooms"),
                api.get("api/users/u/inbox"))) {
            assertEquals(503, response.statusCode(), response::body);
            assertEquals("unavailable", ApiCalls.json(response).getString("error"));
        }
        HttpResponse<String> broadcast = api.post("api/broadcast", "{\"rooms\":[\"r\"],\"users\":[\"u\"],"
                + "\"text\":\"hi\",\"from\":\"ci\"}");
        assertEquals(200, broadcast.statusCode(), broadcast::body);
        for (JsonObject result : ApiCalls.json(broadcast).getJsonArray("results").getValuesAs(JsonObject.class)) {
            assertEquals("unavailable", result.getString("error"), result::toString);
            assertTrue(result.containsKey("room") || result.containsKey("user"));
        }
    }
}
