package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Every frame a connection sends counts against its rate limit: past it a frame gets rate_limited, and a
 * client that keeps sending without waiting is closed with 4429. The defaults apply: 20 a second, 40 at
 * once, and the close at the 20th strike (a refusal, or a frame sent sooner than 1/rate after one).
 */
public class RateLimitIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void aFloodIsRefusedFrameByFrameThenClosed4429() {
        Scrape before = Scrape.of(base);
        try (WsClient flooder = WsClient.connect(base, "ws/room/flood?name=flooder")) {
            flooder.next("welcome");
            for (int i = 0; i < 100; i++) {
                flooder.send("{\"type\":\"ping\",\"ref\":\"p" + i + "\"}");
            }
            CloseReason reason = flooder.awaitClose();
            int pongs = 0;
            int refusals = 0;
            JsonObject firstRefusal = null;
            JsonObject last = null;
            for (String text = flooder.pollText(); text != null; text = flooder.pollText()) {
                last = Json.createReader(new StringReader(text)).readObject();
                if (last.getString("type").equals("pong")) {
                    pongs++;
                } else {
                    assertEquals("rate_limited", last.getString("code"));
                    firstRefusal = firstRefusal == null ? last : firstRefusal;
                    refusals++;
                }
            }
            assertEquals(4429, reason.getCloseCode().getCode());
            assertTrue(pongs >= 40, "at least the burst answered: " + pongs);
            // every refusal is a strike, and so is a frame the server happened to admit right after one
            // (a token refilled while it read): 20 strikes are 10 to 20 refusals
            assertTrue(refusals >= 10 && refusals <= 20, "refusals before the 4429: " + refusals);
            double sent = Scrape.of(base).sum("parley_errors_total", "code=\"rate_limited\"")
                    - before.sum("parley_errors_total", "code=\"rate_limited\"");
            assertEquals(sent, refusals, "every refusal the server sent arrived before the close");
            assertEquals("error", last.getString("type"), "the last frame before the close is the last refusal");
            assertTrue(firstRefusal.getString("ref").startsWith("p"), "the refusal echoes the frame's ref");
        }
    }

    @Test
    void aClientWithinTheRateIsNeverRefused() throws InterruptedException {
        try (WsClient polite = WsClient.connect(base, "ws/user/polite")) {
            polite.next("welcome");
            for (int i = 0; i < 60; i++) {
                polite.send("{\"type\":\"ping\"}");
                assertEquals("pong", polite.next().getString("type"));
                Thread.sleep(25);
            }
        }
    }

    @Test
    void theLimitIsPerConnection() {
        try (WsClient first = WsClient.connect(base, "ws/echo");
             WsClient second = WsClient.connect(base, "ws/echo")) {
            for (int i = 0; i < 45; i++) {
                first.send("x" + i);
            }
            for (int i = 0; i < 40; i++) {
                first.nextText();
            }
            second.send("mine");
            String answer = second.nextText(Duration.ofSeconds(2));
            assertEquals("mine", answer, "the other connection's flood costs this one nothing");
        }
    }
}
