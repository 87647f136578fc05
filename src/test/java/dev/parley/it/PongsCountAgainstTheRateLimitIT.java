package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pong is a frame like any other: a client flooding the server with unsolicited pongs is closed with
 * 4429 like any flooder, and pongs cannot stand in for reading: a client that reads nothing is closed as
 * slow (4408) whatever pongs it sends, even ones whose payloads guess the server's own pings.
 * The defaults apply to the rate limit: 20 a second, 40 at once, 20 strikes.
 */
public class PongsCountAgainstTheRateLimitIT extends ParleyIT {
    /** A small outbox, so that a client reading nothing is over it within a second or two of the flood. */
    private static final int OUTBOX_BYTES = 131072;
    /** How long the room is flooded while the non-reader pongs: several times what fills its outbox. */
    private static final Duration FLOOD = Duration.ofSeconds(12);
    /** 4000 characters of three UTF-8 bytes each: a 12 KB message within the text limit. */
    private static final String TEXT = "李".repeat(4000);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        // the close timeout gives the non-reader time to read up to its close frame once the flood is over
        return Deployments.parley(Map.of("parley.outbox.bytes", Integer.toString(OUTBOX_BYTES),
                "parley.history.size", "5", "parley.close.timeout", "60s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/pongs?name=ponger", "ws/user/ponger", "ws/echo"})
    void aFloodOfUnsolicitedPongsIsClosed4429(String path) {
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, path))) {
            assertEquals(101, ws.status());
            int sent = 0;
            try {
                for (; sent < 200; sent++) {
                    ws.sendFrame(RawWebSocket.OP_PONG, ("p" + sent).getBytes());
                }
            } catch (UncheckedIOException e) {
                // the server may close before the last ones are written
            }
            int code;
            try {
                code = ws.awaitClose(Duration.ofSeconds(5));
            } catch (AssertionError e) {
                throw new AssertionError(sent + " pong frames sent back to back, 10 times the rate limit's burst;"
                        + " the connection was still open 5 s later, so pongs are not rate limited", e);
            }
            assertEquals(4429, code, sent + " pong frames sent back to back: closed with " + code + ", expected 4429");
        }
    }

    /**
     * The server may ping a client to learn whether it read what came before the ping. A client that
     * reads nothing but sends, within the rate limit, pongs whose 8-byte payloads count 1, 2, 3, ...
     * must still be closed as slow.
     */
    @Test
    void pongsThatGuessThePingsDoNotKeepANonReaderOpen() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        try (WsClient loud = WsClient.connect(base, "ws/room/forged?name=loud");
             WsClient loud2 = WsClient.connect(base, "ws/room/forged?name=loud2")) {
            loud.next("welcome");
            loud2.next("welcome");
            try (RawWebSocket forger = RawWebSocket.open(Urls.ws(base, "ws/room/forged?name=forger"),
                    RawWebSocket.options().receiveBufferSize(1024).timeout(Duration.ofSeconds(30)))) {
                assertEquals(101, forger.status());
                loud.next("join");
                loud2.next("join");
                CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> flood(loud, stop));
                CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> flood(loud2, stop));
                String forged = forge(forger, FLOOD);
                stop.set(true);
                int messages = messages(first) + messages(second);

                int code;
                try {
                    // reading now, and answering pings: a connection closed during the flood ends with its 4408
                    code = forger.awaitClose(Duration.ofSeconds(10));
                } catch (AssertionError e) {
                    throw new AssertionError("a member that read nothing for " + FLOOD.toSeconds() + " s while "
                            + messages + " messages of 12 KB were sent to its room (its outbox holds "
                            + OUTBOX_BYTES / 1024 + " KB) was not closed: it " + forged
                            + "; reading afterwards found no close frame within 10 s", e);
                }
                assertEquals(4408, code, "a member that read nothing while " + messages + " messages of 12 KB were"
                        + " sent to its room, and " + forged + ", was closed with " + code
                        + (code == RawWebSocket.NO_CLOSE_FRAME ? " (no close frame)" : "") + ", expected 4408");
            }
        } finally {
            stop.set(true);
        }
    }

    /**
     * Sends pongs every 100 ms (half the rate limit) for {@code time}, each payload a big-endian long
     * counting up from 1, each number three times in a row: a guess at the server's pings that stays
     * behind them while the flood outruns the guess. Answers what was sent.
     */
    private static String forge(RawWebSocket forger, Duration time) throws InterruptedException {
        long end = System.nanoTime() + time.toNanos();
        // the flood writes past the first ping before the first guess
        Thread.sleep(1000);
        int pongs = 0;
        while (System.nanoTime() < end) {
            long number = 1 + pongs / 3;
            try {
                forger.sendFrame(RawWebSocket.OP_PONG, ByteBuffer.allocate(Long.BYTES).putLong(number).array());
            } catch (UncheckedIOException e) {
                return "sent " + pongs + " pongs (up to " + number + ") until the server ended the connection";
            }
            pongs++;
            Thread.sleep(100);
        }
        return "sent " + pongs + " pongs counting up to " + (1 + (pongs - 1) / 3) + ", 10 a second";
    }

    /** Sends 12 KB messages to the room, 12 a second (within the rate limit), each after the previous came back. */
    private static int flood(WsClient loud, AtomicBoolean stop) {
        int sent = 0;
        long next = System.nanoTime();
        while (!stop.get() && loud.isOpen()) {
            loud.send("{\"text\":\"" + TEXT + "\"}");
            loud.next("message", Duration.ofSeconds(10));
            sent++;
            next += TimeUnit.MILLISECONDS.toNanos(83);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return sent;
                }
            }
        }
        return sent;
    }

    private static int messages(CompletableFuture<Integer> flood) {
        try {
            return flood.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a flooding member failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("a flooding member did not stop", e);
        }
    }
}
