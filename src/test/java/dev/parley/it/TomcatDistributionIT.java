package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.RawWebSocket.HttpResponse;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the built {@code parley.war} on real Tomcat distributions, 10.1
 * and 11 (one failsafe execution each), that Cargo starts around failsafe's
 * integration-test phase (embedded Tomcat loads classes from the test classpath,
 * so it cannot catch a library missing from the WAR). The WAR is at the root
 * context. Not an Arquillian test.
 */
class TomcatDistributionIT {

    private final URL base = Deployments.distribution();
    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));

    @BeforeAll
    static void warIsDeployed() {
        // Cargo only waits for Tomcat itself; a WAR that fails to start (say, a
        // library missing from WEB-INF/lib) leaves the root context answering 404.
        HttpResponse landing = RawWebSocket.get(Urls.http(Deployments.distribution(), ""));
        assertEquals(200, landing.status(), () -> "GET / on the Cargo-started Tomcat: " + landing.statusLine()
                + " - did parley.war deploy? See " + System.getProperty("parley.dist.log", "target/cargo/tomcat-it.log"));
    }

    @Test
    void healthIsUp() {
        HttpResponse response = RawWebSocket.get(Urls.http(base, "health"));
        assertEquals(200, response.status(), response::statusLine);
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", health.getString("status"), health::toString);
    }

    @Test
    void echoSendsTextBackUnchanged() {
        try (WsClient ws = WsClient.connect(base, "ws/echo")) {
            ws.send("李雷 says héllo 👋");
            assertEquals("李雷 says héllo 👋", ws.nextText());
        }
    }

    @Test
    void roomMessageReachesEveryMember() {
        String room = "smoke-" + run;
        try (WsClient alice = WsClient.connect(base, "ws/room/" + room + "?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/" + room + "?name=李雷")) {
            JsonObject aliceWelcome = alice.next();
            assertEquals("welcome", aliceWelcome.getString("type"), aliceWelcome::toString);
            assertEquals(room, aliceWelcome.getString("room"));
            JsonObject bobWelcome = bob.next();
            assertEquals("welcome", bobWelcome.getString("type"), bobWelcome::toString);
            assertEquals("李雷", bobWelcome.getString("user"));

            alice.send("{\"type\":\"message\",\"text\":\"hi 李雷\",\"ref\":\"c1\"}");

            JsonObject own = alice.next("message");
            JsonObject received = bob.next("message");
            for (JsonObject message : new JsonObject[] {own, received}) {
                assertEquals(room, message.getString("room"), message::toString);
                assertEquals("alice", message.getString("from"), message::toString);
                assertEquals("hi 李雷", message.getString("text"), message::toString);
            }
            assertEquals(own.getString("id"), received.getString("id"));
            assertEquals("c1", own.getString("ref"));
            assertFalse(received.containsKey("ref"), received::toString);
        }
    }

    @Test
    void directMessageReachesTheReceiver() {
        String receiver = "李雷" + run;
        String sender = "alice" + run;
        try (WsClient bob = WsClient.connect(base, "ws/user/" + receiver);
             WsClient alice = WsClient.connect(base, "ws/user/" + sender)) {
            JsonObject bobWelcome = bob.next();
            assertEquals("welcome", bobWelcome.getString("type"), bobWelcome::toString);
            assertEquals(receiver, bobWelcome.getString("user"));
            assertEquals(0, bobWelcome.getInt("pending"));
            assertEquals("welcome", alice.next().getString("type"));

            alice.send(Json.createObjectBuilder().add("type", "message").add("to", receiver)
                    .add("text", "psst").add("ref", "d1").build().toString());

            JsonObject message = bob.next("message");
            assertEquals(sender, message.getString("from"), message::toString);
            assertEquals(receiver, message.getString("to"), message::toString);
            assertEquals("psst", message.getString("text"), message::toString);
            JsonObject ack = alice.next("ack");
            assertEquals("d1", ack.getString("ref"), ack::toString);
            assertEquals("delivered", ack.getString("status"), ack::toString);
            assertEquals(message.getString("id"), ack.getString("id"), ack::toString);
        }
    }

    @Test
    void plainGetOnAWebSocketPathIs426() {
        HttpResponse response = RawWebSocket.get(Urls.http(base, "ws/echo"));
        assertEquals(426, response.status(), response::statusLine);
        assertTrue(response.body().toLowerCase(Locale.ROOT).contains("websocket"), response::body);
    }
}
