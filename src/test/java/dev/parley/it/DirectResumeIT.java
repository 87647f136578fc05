package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Delivered direct messages stay retained, so a device reconnecting with since catches up. */
public class DirectResumeIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void aSecondDeviceCatchesUpWithSince() {
        try (WsClient alice = WsClient.connect(base, "ws/user/alice");
             WsClient phone = WsClient.connect(base, "ws/user/bob")) {
            alice.next("welcome");
            phone.next("welcome");
            alice.send("{\"to\":\"bob\",\"text\":\"first\"}");
            String firstId = alice.next("ack").getString("id");
            phone.next("message");
            alice.send("{\"to\":\"bob\",\"text\":\"second\"}");
            alice.send("{\"to\":\"bob\",\"text\":\"third\"}");
            phone.next("message");
            phone.next("message");

            try (WsClient laptop = WsClient.connect(base, "ws/user/bob?since=" + firstId)) {
                JsonObject welcome = laptop.next();
                assertEquals("welcome", welcome.getString("type"));
                assertEquals(2, welcome.getInt("pending"));
                assertTrue(welcome.getBoolean("recovered"));
                assertEquals("second", laptop.next().getString("text"));
                assertEquals("third", laptop.next().getString("text"));
                laptop.expectNoFrame(Duration.ofMillis(300));
            }
            Scrape.awaitNothingPending(base);
        }
    }

    @Test
    void anUnknownIdIsNotRecoveredAndGetsThePendingOnes() {
        try (WsClient alice = WsClient.connect(base, "ws/user/carol")) {
            alice.next("welcome");
            alice.send("{\"to\":\"dave\",\"text\":\"waiting\"}");
            assertEquals("stored", alice.next("ack").getString("status"));
        }
        try (WsClient dave = WsClient.connect(base, "ws/user/dave?since=bogus-1")) {
            JsonObject welcome = dave.next("welcome");
            assertFalse(welcome.getBoolean("recovered"));
            assertEquals(1, welcome.getInt("pending"));
            assertEquals("waiting", dave.next().getString("text"));
            Scrape.awaitNothingPending(base);
        }
    }

    @Test
    void resumeAlsoDeliversStoredOnes() {
        String seen;
        try (WsClient erin = WsClient.connect(base, "ws/user/erin");
             WsClient frank = WsClient.connect(base, "ws/user/frank")) {
            erin.next("welcome");
            frank.next("welcome");
            erin.send("{\"to\":\"frank\",\"text\":\"seen\"}");
            seen = frank.next("message").getString("id");
            Scrape.awaitNothingPending(base);
        }
        Scrape.awaitNoUserOnline(base);
        try (WsClient erin = WsClient.connect(base, "ws/user/erin")) {
            erin.next("welcome");
            erin.send("{\"to\":\"frank\",\"text\":\"unseen\"}");
            assertEquals("stored", erin.next("ack").getString("status"));
        }
        try (WsClient frank = WsClient.connect(base, "ws/user/frank?since=" + seen)) {
            JsonObject welcome = frank.next("welcome");
            assertTrue(welcome.getBoolean("recovered"));
            assertEquals(1, welcome.getInt("pending"));
            assertEquals("unseen", frank.next().getString("text"));
            Scrape.awaitNothingPending(base);
        }
        try (WsClient frank = WsClient.connect(base, "ws/user/frank")) {
            assertEquals(0, frank.next("welcome").getInt("pending"), "a message resumed counts as delivered");
        }
    }
}
