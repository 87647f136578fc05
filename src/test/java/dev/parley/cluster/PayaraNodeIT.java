package dev.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.testing.ClientFrames;
import dev.parley.testing.RedisServer;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Tomcat node and a Payara Micro node on one Redis: the same WAR on both, one room, one inbox. */
class PayaraNodeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RedisServer redis;
    private static NodeProcess tomcat;
    private static NodeProcess payara;

    @BeforeAll
    static void startCluster() {
        assumeFalse(NodeProcess.payaraSkipped(), "Payara Micro skipped (-Dparley.payara.skip)");
        redis = RedisServer.start();
        CompletableFuture<NodeProcess> startTomcat = CompletableFuture.supplyAsync(() -> NodeProcess.start(
                "payara-pair-tomcat", NodeProcess.Kind.TOMCAT, NodeProcess.settings(redis.url(), "t")));
        payara = NodeProcess.start("payara-pair-payara", NodeProcess.Kind.PAYARA,
                NodeProcess.settings(redis.url(), "p"));
        tomcat = startTomcat.join();
    }

    @AfterAll
    static void stopCluster() {
        NodeProcess.closeAll(tomcat, payara, redis);
    }

    @Test
    void aRoomSpansTomcatAndPayara() {
        try (WsClient onTomcat = WsClient.connect(tomcat.base(), "ws/room/mixed?name=tom");
             WsClient onPayara = WsClient.connect(payara.base(), "ws/room/mixed?name=pat")) {
            onTomcat.next("welcome");
            JsonObject welcome = onPayara.next("welcome");
            assertEquals(Set.of("tom", "pat"), Set.copyOf(Received.members(welcome)));
            assertEquals("pat", onTomcat.next("join").getString("user"));

            for (int i = 0; i < 10; i++) {
                (i % 2 == 0 ? onTomcat : onPayara).send(ClientFrames.message("m" + i).json());
            }
            List<JsonObject> atTomcat = Received.next(onTomcat, "message", 10, WAIT);
            List<JsonObject> atPayara = Received.next(onPayara, "message", 10, WAIT);
            assertEquals(Received.ids(atTomcat), Received.ids(atPayara), "one order on both containers");
            assertEquals(Set.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"),
                    Set.copyOf(Received.texts(atPayara)));
        }
    }

    @Test
    void directMessagesCrossBetweenTomcatAndPayara() {
        try (WsClient tom = WsClient.connect(tomcat.base(), "ws/user/mixed-tom");
             WsClient pat = WsClient.connect(payara.base(), "ws/user/mixed-pat")) {
            tom.next("welcome");
            pat.next("welcome");
            tom.send(ClientFrames.message("to payara").to("mixed-pat").ref("t1").json());
            JsonObject ack = tom.next("ack");
            assertEquals("delivered", ack.getString("status"));
            assertEquals(ack.getString("id"), pat.next("message").getString("id"));

            pat.send(ClientFrames.message("for later").to("mixed-kim").ref("p1").json());
            JsonObject stored = pat.next("ack");
            assertEquals("stored", stored.getString("status"));
            try (WsClient kim = WsClient.connect(tomcat.base(), "ws/user/mixed-kim")) {
                assertEquals(1, kim.next("welcome").getInt("pending"));
                JsonObject message = kim.next("message");
                assertEquals(stored.getString("id"), message.getString("id"));
                assertEquals("mixed-pat", message.getString("from"));
            }
        }
    }
}
