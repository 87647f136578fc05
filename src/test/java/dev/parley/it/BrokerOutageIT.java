package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.RedisServer;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A node on a Redis that goes away and comes back: while it is away, open connections get
 * {@code unavailable} for what they send and stay open, new ones are closed with 1013, and
 * {@code /health} answers 503; once it is back, the node takes connections again and its members are
 * members in Redis again.
 */
public class BrokerOutageIT extends ParleyIT {
    private static final RedisServer REDIS = RedisServer.start();

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.broker", REDIS.url()));
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    private RawWebSocket.HttpResponse health() {
        return RawWebSocket.get(Urls.http(base, "health"));
    }

    private void awaitHealth(int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (health().status() != status) {
            if (System.nanoTime() > deadline) {
                fail("/health did not answer " + status + ": " + health().body());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    @Test
    void whileRedisIsAwayNewConnectionsAreClosedWith1013AndOpenOnesStay() {
        try (WsClient alice = WsClient.connect(base, "ws/room/outage?name=alice")) {
            alice.next("welcome");
            REDIS.stop();
            long stopped = System.nanoTime();
            awaitHealth(503);
            System.out.printf("/health answered 503 %d ms after Redis stopped%n",
                    (System.nanoTime() - stopped) / 1_000_000);
            JsonObject down = Json.createReader(new StringReader(health().body())).readObject();
            assertEquals("DOWN", down.getJsonObject("broker").getString("status"), down::toString);

            alice.send("{\"type\":\"message\",\"text\":\"during\",\"ref\":\"r1\"}");
            JsonObject error = alice.next("error");
            assertEquals("unavailable", error.getString("code"));
            assertEquals("r1", error.getString("ref"));
            for (String path : new String[] {"ws/room/outage?name=bob", "ws/user/carol"}) {
                try (WsClient refused = WsClient.connect(base, path)) {
                    CloseReason close = refused.awaitClose();
                    assertEquals(1013, close.getCloseCode().getCode(), path);
                    assertEquals("the broker is unavailable; try again later", close.getReasonPhrase(), path);
                }
            }
            assertTrue(alice.isOpen(), "an open connection stays open");

            REDIS.restart();
            awaitHealth(200);
            try (WsClient bob = WsClient.connect(base, "ws/room/outage?name=bob")) {
                JsonObject welcome = bob.next("welcome");
                assertEquals(2, welcome.getInt("memberCount"), "alice is a member in the Redis that came back empty");
            }
        }
    }
}
