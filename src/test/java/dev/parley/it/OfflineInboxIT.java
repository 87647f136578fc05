package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Messages to an offline user wait in its inbox and arrive, oldest first and once, when it connects. */
public class OfflineInboxIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void storedMessagesArriveOnConnectOldestFirstAndNeverTwice() {
        List<String> ids = new ArrayList<>();
        try (WsClient alice = WsClient.connect(base, "ws/user/alice")) {
            alice.next("welcome");
            for (int i = 1; i <= 3; i++) {
                alice.send("{\"to\":\"bob\",\"text\":\"while you were out " + i + "\",\"ref\":\"r" + i + "\"}");
                JsonObject ack = alice.next("ack");
                assertEquals("stored", ack.getString("status"));
                assertEquals("r" + i, ack.getString("ref"));
                ids.add(ack.getString("id"));
            }
        }
        try (WsClient bob = WsClient.connect(base, "ws/user/bob")) {
            JsonObject welcome = bob.next();
            assertEquals("welcome", welcome.getString("type"));
            assertEquals(3, welcome.getInt("pending"));
            for (int i = 1; i <= 3; i++) {
                JsonObject m = bob.next();
                assertEquals("message", m.getString("type"));
                assertEquals("while you were out " + i, m.getString("text"));
                assertEquals("alice", m.getString("from"));
                assertEquals(ids.get(i - 1), m.getString("id"));
            }
            bob.expectNoFrame(Duration.ofMillis(300));
            Scrape.awaitNothingPending(base);
        }
        try (WsClient bobAgain = WsClient.connect(base, "ws/user/bob")) {
            assertEquals(0, bobAgain.next("welcome").getInt("pending"), "an inbox is delivered once");
            bobAgain.expectNoFrame(Duration.ofMillis(300));
        }
    }

    @Test
    void aMessageSentWhileTheReceiverIsOnlineIsNotPendingLater() {
        try (WsClient carol = WsClient.connect(base, "ws/user/carol");
             WsClient dave = WsClient.connect(base, "ws/user/dave")) {
            carol.next("welcome");
            dave.next("welcome");
            carol.send("{\"to\":\"dave\",\"text\":\"live\"}");
            assertEquals("delivered", carol.next("ack").getString("status"));
            dave.next("message");
            Scrape.awaitNothingPending(base);
        }
        try (WsClient dave = WsClient.connect(base, "ws/user/dave")) {
            assertEquals(0, dave.next("welcome").getInt("pending"));
        }
    }
}
