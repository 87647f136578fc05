package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A member that stops reading is closed with 4408 once its outbox overflows, and meanwhile every other
 * member keeps getting every message.
 */
public class SlowConsumerIT extends ParleyIT {
    /** Far more than the socket buffers and the outbox of the stalled member can hold. */
    private static final int MESSAGES = 2000;
    private static final String TEXT = "z".repeat(3900);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings("parley.outbox.bytes", "65536", "parley.history.size", "5",
                "parley.close.timeout", "60s"));
    }

    @Test
    void aStalledMemberIsClosedWith4408AndOthersGetEverything() throws Exception {
        // one after the other, so that loud's welcome comes before awake's join
        try (WsClient loud = WsClient.connect(base, "ws/room/slow?name=loud")) {
            loud.next("welcome");
            WsClient awake = WsClient.connect(base, "ws/room/slow?name=awake");
            awake.next("welcome");
            loud.next("join");
            try (RawWebSocket sleepy = RawWebSocket.open(Urls.ws(base, "ws/room/slow?name=sleepy"),
                    RawWebSocket.options().receiveBufferSize(1024).timeout(Duration.ofSeconds(30)))) {
                assertEquals(101, sleepy.status());
                assertEquals("sleepy", awake.next("join").getString("user"));
                flood(loud, awake, sleepy);
            } finally {
                awake.close();
            }
        }
    }

    private void flood(WsClient loud, WsClient awake, RawWebSocket sleepy) throws Exception {
        Scrape before = Scrape.of(base);
        // the stalled member leaves as soon as its close starts, which may be during the flood
        List<String> leaves = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> awakeGot = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (n < MESSAGES) {
                JsonObject frame = Json.createReader(new StringReader(awake.nextText(Duration.ofSeconds(10)))).readObject();
                if (frame.getString("type").equals("leave")) {
                    leaves.add(frame.getString("user"));
                } else if (frame.getString("type").equals("message")) {
                    n++;
                }
            }
            return n;
        });
        for (int i = 0; i < MESSAGES; i++) {
            loud.send("{\"text\":\"" + TEXT + "\",\"ref\":\"m" + i + "\"}");
            assertEquals("m" + i, loud.next("message", Duration.ofSeconds(10)).getString("ref"));
        }
        assertEquals(MESSAGES, awakeGot.get(60, TimeUnit.SECONDS), "the awake member got every message");

        assertEquals(4408, sleepy.awaitClose(Duration.ofSeconds(30)), "the stalled member was closed as slow");
        if (leaves.isEmpty()) {
            leaves.add(awake.next("leave", Duration.ofSeconds(10)).getString("user"));
        }
        assertEquals(List.of("sleepy"), leaves, "the stalled member left once");
        assertTrue(awake.isOpen() && loud.isOpen());
        Scrape after = Scrape.of(base);
        assertEquals(before.sum("parley_outbox_overflows_total") + 1, after.sum("parley_outbox_overflows_total"));
        assertEquals(before.sum("parley_closes_total", "code=\"4408\"") + 1,
                after.sum("parley_closes_total", "code=\"4408\""));
    }
}
