package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A client that backs off after each {@code rate_limited} error (waits at least 1/rate, 50 ms with the
 * default 20 a second) is never closed, however often it is refused; a client that keeps sending at
 * twice the rate regardless is closed with 4429 within a few seconds of using up its burst. The
 * defaults apply: 20 a second, 40 at once, 20 strikes.
 */
public class PoliteClientIT extends ParleyIT {
    /** How long the polite client keeps going: long enough for 20 refusals several times over. */
    private static final Duration POLITE_RUN = Duration.ofSeconds(12);
    /** The polite client's pause after a refusal: four times 1/rate. */
    private static final long BACK_OFF_MILLIS = 200;
    /** The impolite client's pace: a ping every 25 ms, twice the rate, whatever it is told. */
    private static final long IMPOLITE_PACE_MILLIS = 25;
    /** 2 s to use up the burst at twice the rate, then a few seconds to be closed. */
    private static final Duration IMPOLITE_CLOSED_WITHIN = Duration.ofSeconds(7);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    /**
     * Pings one at a time, the next as soon as the last is answered, and after each refusal a pause of
     * four times 1/rate: over a second it sends about 25 frames, the rate's 20 of them admitted, and is
     * refused several times.
     */
    @Test
    void aClientThatBacksOffAfterEachRefusalIsNeverClosed() throws InterruptedException {
        try (WsClient polite = WsClient.connect(base, "ws/user/polite")) {
            polite.next("welcome");
            long start = System.nanoTime();
            long end = start + POLITE_RUN.toNanos();
            int sent = 0;
            int refusals = 0;
            while (System.nanoTime() < end) {
                String ref = "p" + sent;
                if (!polite.isOpen()) {
                    closedPolitely(polite, sent, refusals, start);
                }
                polite.send("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}");
                sent++;
                JsonObject answer = answer(polite, sent, refusals, start);
                assertEquals(ref, answer.getString("ref", null), "the answer to ping " + ref + ": " + answer);
                if (answer.getString("type").equals("error")) {
                    assertEquals("rate_limited", answer.getString("code"), "the answer to ping " + ref + ": " + answer);
                    refusals++;
                    Thread.sleep(BACK_OFF_MILLIS);
                } else {
                    assertEquals("pong", answer.getString("type"), "the answer to ping " + ref + ": " + answer);
                }
            }
            assertTrue(refusals >= 5, "a client sending pings one at a time for " + POLITE_RUN.toSeconds()
                    + " s was refused only " + refusals + " times: the back-off was hardly exercised");
            Thread.sleep(500);
            if (!polite.isOpen()) {
                closedPolitely(polite, sent, refusals, start);
            }
        }
    }

    @Test
    void aClientThatIgnoresRefusalsAtTwiceTheRateIsClosed4429() throws InterruptedException {
        try (WsClient rude = WsClient.connect(base, "ws/user/rude")) {
            rude.next("welcome");
            long start = System.nanoTime();
            long end = start + IMPOLITE_CLOSED_WITHIN.toNanos();
            int sent = 0;
            long next = start;
            while (System.nanoTime() < end && rude.isOpen()) {
                try {
                    rude.send("{\"type\":\"ping\",\"ref\":\"r" + sent + "\"}");
                } catch (AssertionError e) {
                    break;   // closed while sending
                }
                sent++;
                next += TimeUnit.MILLISECONDS.toNanos(IMPOLITE_PACE_MILLIS);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            CloseReason reason;
            try {
                reason = rude.awaitClose(Duration.ofSeconds(2));
            } catch (AssertionError e) {
                throw new AssertionError("a client that sent " + sent + " pings, one every " + IMPOLITE_PACE_MILLIS
                        + " ms whatever it was told, was still open after " + IMPOLITE_CLOSED_WITHIN.toSeconds()
                        + " s (and 2 s more)", e);
            }
            assertEquals(4429, reason.getCloseCode().getCode(), "a client sending at twice the rate regardless of"
                    + " refusals was closed with " + reason.getCloseCode().getCode() + " \"" + reason.getReasonPhrase()
                    + "\"");
        }
    }

    /** The answer to the ping just sent, as JSON; fails the test if the connection closes first. */
    private static JsonObject answer(WsClient polite, int sent, int refusals, long start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String text = polite.pollText();
            if (text != null) {
                return Json.createReader(new StringReader(text)).readObject();
            }
            if (!polite.isOpen()) {
                closedPolitely(polite, sent, refusals, start);
            }
            Thread.sleep(1);
        }
        return fail("no answer to ping " + sent + " within 5 s");
    }

    private static void closedPolitely(WsClient polite, int sent, int refusals, long start) {
        CloseReason reason = polite.awaitClose(Duration.ofSeconds(1));
        fail("a client that waited " + BACK_OFF_MILLIS + " ms after each rate_limited error (1/rate is 50 ms)"
                + " was closed with " + reason.getCloseCode().getCode() + " \"" + reason.getReasonPhrase() + "\" after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms, " + sent + " pings sent one at a"
                + " time and " + refusals + " refusals");
    }
}
