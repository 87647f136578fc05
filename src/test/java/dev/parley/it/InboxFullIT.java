package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A full inbox refuses more with inbox_full and stores nothing; what it holds is still delivered. */
public class InboxFullIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.inbox.size", "2"));
    }

    @Test
    void theSenderIsToldAndNothingIsLost() {
        try (WsClient alice = WsClient.connect(base, "ws/user/alice")) {
            alice.next("welcome");
            alice.send("{\"to\":\"bob\",\"text\":\"one\"}");
            assertEquals("stored", alice.next("ack").getString("status"));
            alice.send("{\"to\":\"bob\",\"text\":\"two\"}");
            assertEquals("stored", alice.next("ack").getString("status"));
            alice.send("{\"to\":\"bob\",\"text\":\"three\",\"ref\":\"r3\"}");
            JsonObject error = alice.next();
            assertEquals("error", error.getString("type"));
            assertEquals("inbox_full", error.getString("code"));
            assertEquals("r3", error.getString("ref"));
        }
        try (WsClient bob = WsClient.connect(base, "ws/user/bob")) {
            assertEquals(2, bob.next("welcome").getInt("pending"));
            assertEquals("one", bob.next().getString("text"));
            assertEquals("two", bob.next().getString("text"));
        }
        Scrape.awaitNoUserOnline(base);
        try (WsClient alice = WsClient.connect(base, "ws/user/alice")) {
            alice.next("welcome");
            alice.send("{\"to\":\"bob\",\"text\":\"room again\"}");
            assertEquals("stored", alice.next("ack").getString("status"), "delivered messages free the inbox");
        }
    }
}
