package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every frame a connection sends counts against its rate limit: past it a frame gets rate_limited, and a
 * client that keeps sending is closed with 4429. The defaults apply: 20 a second, 40 at once, 20 strikes.
 */
@ExtendWith(ArquillianExtension.class)
public class RateLimitIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @ArquillianResource
    URL base;

    @Test
    void aFloodIsRefusedFrameByFrameThenClosed4429() {
        try (WsClient flooder = WsClient.connect(base, "ws/room/flood?name=flooder")) {
            flooder.next("welcome");
            for (int i = 0; i < 100; i++) {
                flooder.send("{\"type\":\"ping\",\"ref\":\"p" + i + "\"}");
            }
            int pongs = 0;
            int refusedInARow = 0;
            JsonObject firstRefusal = null;
            while (true) {
                JsonObject frame;
                try {
                    frame = flooder.next();
                } catch (AssertionError closed) {
                    break;
                }
                if (frame.getString("type").equals("pong")) {
                    pongs++;
                    refusedInARow = 0;
                } else {
                    assertEquals("rate_limited", frame.getString("code"));
                    firstRefusal = firstRefusal == null ? frame : firstRefusal;
                    refusedInARow++;
                }
            }
            assertTrue(pongs >= 40 && pongs < 60, "the burst and a little refill answered: " + pongs);
            assertEquals(20, refusedInARow, "20 refusals in a row, all delivered, then the close");
            assertTrue(firstRefusal.getString("ref").startsWith("p"), "the refusal echoes the frame's ref");
            assertEquals(4429, flooder.awaitClose().getCloseCode().getCode());
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
