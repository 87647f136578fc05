package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A direct message counts as delivered only once it was written to a connection of its receiver. A
 * message sent to a receiver whose only connection is being closed as slow (4408) is not written to it,
 * so it must still be pending when the receiver comes back, whatever its sender was told.
 */
public class DeliveredMeansWrittenIT extends ParleyIT {
    private static final String FLOOD = "f".repeat(3990);
    /** Far more than the socket buffers and dave's outbox can hold; the flood stops at the first overflow. */
    private static final int MAX_FLOOD = 2000;
    private static final String MARKER = "sent while dave's connection is being closed";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        // A small outbox overflows soon. Dave's close frame may wait 30 s behind what dave has not read: the
        // marker is sent well within that, and dave's connection ends sooner anyway, when the test resets it.
        return Deployments.parley(Unthrottled.settings("parley.outbox.frames", "10", "parley.outbox.bytes", "65536",
                "parley.close.timeout", "30s"));
    }

    @Test
    void aMessageSentWhileTheReceiverIsClosedAsSlowIsStillPendingLater() throws Exception {
        String markerAnswer;
        try (WsClient erin = WsClient.connect(base, "ws/user/erin")) {
            erin.next("welcome");
            RawWebSocket dave = RawWebSocket.open(Urls.ws(base, "ws/user/dave"),
                    RawWebSocket.options().receiveBufferSize(1024).timeout(Duration.ofSeconds(30)));
            try {
                assertEquals(101, dave.status(), "dave's connection");
                awaitUsersOnline(2, "dave's connection to count as online");
                double overflows = Scrape.of(base).sum("parley_outbox_overflows_total");
                int sent = 0;
                while (Scrape.of(base).sum("parley_outbox_overflows_total") == overflows) {
                    if (sent == MAX_FLOOD) {
                        fail("dave's outbox did not overflow after " + MAX_FLOOD + " messages of 4 KB it never read");
                    }
                    erin.send("{\"to\":\"dave\",\"text\":\"" + sent + " " + FLOOD + "\",\"ref\":\"f" + sent + "\"}");
                    sent++;
                    for (String text = erin.pollText(); text != null; text = erin.pollText()) {
                        failOnError(json(text));
                    }
                }
                System.out.println("DeliveredMeansWrittenIT: dave's outbox overflowed after " + sent + " messages");
                // Right away: dave's connection is being closed as slow now, its close frame waiting (up to
                // parley.close.timeout) behind what dave has not read. The pong after the marker says the
                // server has taken the marker, whenever its ack comes.
                erin.send("{\"to\":\"dave\",\"text\":\"" + MARKER + "\",\"ref\":\"marker\"}");
                erin.send("{\"type\":\"ping\",\"ref\":\"after-marker\"}");
                markerAnswer = null;
                while (true) {
                    JsonObject answer = json(erin.nextText(Duration.ofSeconds(10)));
                    failOnError(answer);
                    if ("marker".equals(answer.getString("ref", null))) {
                        markerAnswer = answer.toString();
                    } else if ("after-marker".equals(answer.getString("ref", null))) {
                        break;
                    }
                }
                dave.socket().setSoLinger(true, 0);
            } catch (SocketException e) {
                throw new AssertionError(e);
            } finally {
                // a reset, not a close handshake: dave's connection is gone
                dave.close();
            }
            awaitUsersOnline(1, "the server to let go of dave's connection");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (markerAnswer == null) {
                // not answered before dave's connection ended: it must be once it has
                if (System.nanoTime() > deadline) {
                    fail("erin got no answer to the marker within 10 s of dave's connection ending");
                }
                JsonObject answer = json(erin.nextText(Duration.ofSeconds(10)));
                failOnError(answer);
                if ("marker".equals(answer.getString("ref", null))) {
                    markerAnswer = answer.toString();
                }
            }
            System.out.println("DeliveredMeansWrittenIT: the marker was answered with " + markerAnswer);
        }
        awaitUsersOnline(0, "erin's connection to close");

        try (WsClient dave = WsClient.connect(base, "ws/user/dave")) {
            JsonObject welcome = json(dave.nextText());
            assertEquals("welcome", welcome.getString("type"), "the first frame of a user connection");
            int pending = welcome.getInt("pending");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < pending; i++) {
                JsonObject m = json(dave.nextText(Duration.ofSeconds(10)));
                assertEquals("message", m.getString("type"), "pending frame " + (i + 1) + " of " + pending);
                texts.add(m.getString("text"));
            }
            System.out.println("DeliveredMeansWrittenIT: dave's next welcome has " + pending + " pending");
            assertTrue(texts.contains(MARKER), "the message sent while dave's connection was being closed as slow"
                    + " was never written to it, yet it is not among the " + pending + " pending messages of dave's"
                    + " next connection (its sender got " + markerAnswer + "): it was lost");
            assertEquals(MARKER, texts.get(texts.size() - 1), "the marker, sent last, is the newest pending message");
        }
    }

    /** Nothing in this test is refused: not the rate (lifted), not the inbox (dave is online or has room). */
    private static void failOnError(JsonObject answer) {
        if ("error".equals(answer.getString("type", null))) {
            fail("erin's message was refused: " + answer);
        }
    }

    private void awaitUsersOnline(int n, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        double online;
        while ((online = Scrape.of(base).sum("parley_users_online")) != n) {
            if (System.nanoTime() > deadline) {
                fail("waited 20 s for " + what + ": the server counts " + online + " users online, not " + n);
            }
            Thread.sleep(50);
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
