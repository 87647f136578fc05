package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** An undelivered direct message is discarded once it outlives the retention, and only then. */
public class InboxRetentionIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.inbox.retention", "2s"));
    }

    @Test
    void aMessageOlderThanTheRetentionIsNotDelivered() throws InterruptedException {
        double expiredBefore = Scrape.of(base).sum("parley_direct_expired_total");
        try (WsClient alice = WsClient.connect(base, "ws/user/alice")) {
            alice.next("welcome");
            alice.send("{\"to\":\"bob\",\"text\":\"soon gone\"}");
            assertEquals("stored", alice.next("ack").getString("status"));
            Thread.sleep(2_500);
            alice.send("{\"to\":\"bob\",\"text\":\"still fresh\"}");
            assertEquals("stored", alice.next("ack").getString("status"));
        }
        try (WsClient bob = WsClient.connect(base, "ws/user/bob")) {
            assertEquals(1, bob.next("welcome").getInt("pending"));
            assertEquals("still fresh", bob.next().getString("text"));
            bob.expectNoFrame(Duration.ofMillis(300));
        }
        assertEquals(expiredBefore + 1, Scrape.of(base).sum("parley_direct_expired_total"),
                "the discarded message is counted");
    }
}
