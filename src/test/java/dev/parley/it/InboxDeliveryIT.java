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
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A full inbox (as many undelivered messages as {@code parley.inbox.size} lets in) reaches its receiver
 * whole, on the outbox limits the server ships with, without costing the receiving connection its life;
 * and a message counts as delivered only once it was written to a connection: what a connection that died
 * could not be sent stays in the inbox for the next one.
 */
public class InboxDeliveryIT extends ParleyIT {
    /** The default inbox size: the inbox is full. */
    private static final int MESSAGES = 1000;
    /** Four-byte characters: about 16,000 bytes of UTF-8 per text, 16 MB in all, far more than socket buffers hold. */
    private static final String LARGE = "\uD83D\uDE00".repeat(4000 - 6);

    /** Only the rate limit is lifted, to store the inbox quickly: the inbox and outbox limits are the defaults. */
    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings());
    }


    /**
     * 1,000 pending messages and the welcome are 1,001 frames, one more than the default
     * {@code parley.outbox.frames}, and many times its byte limit: the connection must still get all of
     * them, and answer its client's ping, and stay open.
     */
    @Test
    void aFullInboxArrivesWholeAndTheConnectionStaysOpen() {
        List<String> ids = store("bob", "alice");
        try (WsClient bob = WsClient.connect(base, "ws/user/bob")) {
            bob.send("{\"type\":\"ping\",\"ref\":\"p\"}");
            JsonObject welcome = json(bob.nextText());
            assertEquals("welcome", welcome.getString("type"), "the first frame of a user connection");
            assertEquals(MESSAGES, welcome.getInt("pending"), "every stored message is pending");
            // The pong answers a frame sent after the connection opened; the protocol does not say whether it
            // comes before, among or after the pending messages, only that exactly those follow the welcome.
            int got = 0;
            boolean ponged = false;
            while (got < MESSAGES || !ponged) {
                String text;
                try {
                    text = bob.nextText(Duration.ofSeconds(10));
                } catch (AssertionError e) {
                    String end = bob.isOpen() ? "nothing more came" : "the server closed the connection with "
                            + bob.awaitClose().getCloseCode().getCode() + " \"" + bob.awaitClose().getReasonPhrase()
                            + "\"";
                    throw new AssertionError("bob got " + got + " of the " + MESSAGES + " pending messages and "
                            + (ponged ? "the pong" : "no pong") + ", then " + end + " (" + e.getMessage() + ")", e);
                }
                JsonObject frame = json(text);
                String type = frame.getString("type");
                if (type.equals("pong") && !ponged) {
                    assertEquals("p", frame.getString("ref", null), "the pong's ref");
                    ponged = true;
                } else {
                    assertEquals("message", type, "frame after " + got + " pending messages: " + abridged(text));
                    assertTrue(got < MESSAGES, "more messages than pending: " + abridged(text));
                    assertEquals(ids.get(got), frame.getString("id"),
                            "pending message " + (got + 1) + ", oldest first");
                    assertEquals(text(got), frame.getString("text"));
                    got++;
                }
            }
            bob.expectNoFrame(Duration.ofMillis(300));
            assertTrue(bob.isOpen(), "bob's connection is still open after its whole inbox and the pong");
        }
    }

    /**
     * Of a 16 MB inbox, a connection whose client never reads can have been written only what the socket
     * buffers and the container take before it dies (within the outbox limits: a few MB at most); the rest
     * was never written, so it is still pending for the next connection: the newest messages, in order, up
     * to the last one sent.
     */
    @Test
    void whatADeadConnectionWasNotSentStaysPending() throws InterruptedException {
        List<String> ids = store("carol", "dan");
        try (RawWebSocket stalled = RawWebSocket.open(Urls.ws(base, "ws/user/carol"),
                RawWebSocket.options().receiveBufferSize(1024).timeout(Duration.ofSeconds(30)))) {
            assertEquals(101, stalled.status(), "carol's first connection");
            awaitUsersOnline(1, "carol's first connection to count as online");
            // time to write what the socket takes; the test does not depend on how much that is
            Thread.sleep(2000);
            stalled.socket().setSoLinger(true, 0);
        } catch (SocketException e) {
            throw new AssertionError(e);
        }
        // closed with a reset, not a close handshake: the connection died
        awaitUsersOnline(0, "the server to let go of carol's dead connection");

        try (WsClient carol = WsClient.connect(base, "ws/user/carol")) {
            JsonObject welcome = json(carol.nextText());
            assertEquals("welcome", welcome.getString("type"), "the first frame of a user connection");
            int pending = welcome.getInt("pending");
            System.out.println("InboxDeliveryIT: after a connection that read nothing died, " + pending + " of "
                    + MESSAGES + " messages are still pending");
            assertTrue(pending > 0, "carol's first connection read nothing of a " + MESSAGES + "-message inbox of "
                    + "16 MB before it died, so not all of it can have been written to it, yet nothing is pending:"
                    + " the messages were counted as delivered before they were written");
            assertTrue(pending <= MESSAGES, "pending " + pending);
            // the oldest ones may have been written before the connection died: what is left is the newest
            List<String> left = ids.subList(MESSAGES - pending, MESSAGES);
            for (int i = 0; i < pending; i++) {
                JsonObject m = json(carol.nextText(Duration.ofSeconds(10)));
                assertEquals("message", m.getString("type"), "pending frame " + (i + 1));
                assertEquals(left.get(i), m.getString("id"), "pending message " + (i + 1) + " of " + pending
                        + ": the newest " + pending + " messages, in order, up to the last one sent");
                assertEquals(text(MESSAGES - pending + i), m.getString("text"));
            }
            carol.expectNoFrame(Duration.ofMillis(300));
        }
    }

    /** Message {@code i}'s text: its number, then four-byte characters up to the text limit. */
    private static String text(int i) {
        return String.format("%05d ", i) + LARGE;
    }

    /** Stores {@value #MESSAGES} messages from {@code from} for the offline {@code to}: their ids, oldest first. */
    private List<String> store(String to, String from) {
        List<String> ids = OfflineSender.store(base, from, to, MESSAGES, InboxDeliveryIT::text);
        awaitUsersOnline(0, "the sender's connection to close");
        return ids;
    }

    private void awaitUsersOnline(int n, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        double online;
        while ((online = Scrape.of(base).sum("parley_users_online")) != n) {
            if (System.nanoTime() > deadline) {
                fail("waited 20 s for " + what + ": the server counts " + online + " users online, not " + n);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String abridged(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
