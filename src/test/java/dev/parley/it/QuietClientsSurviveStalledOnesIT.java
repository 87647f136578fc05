package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Clients that stall cost only themselves: while many members of one room read nothing and are being
 * closed as slow, the silent but healthy members of another room answer every heartbeat in time and are
 * never closed. Their pings and closes must not wait behind the stalled clients' writes.
 */
public class QuietClientsSurviveStalledOnesIT extends ParleyIT {
    private static final int STALLED = 150;
    private static final int QUIET = 50;
    /** How long the stalled room is flooded once its stalled members are in: several ping timeouts. */
    private static final Duration FLOOD = Duration.ofSeconds(10);
    /** How long the quiet members are watched once the stalled clients have gone. */
    private static final Duration AFTER = Duration.ofSeconds(5);
    private static final String TEXT = "s".repeat(4000);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings(
                "parley.ping.interval", "1s",
                "parley.ping.timeout", "2s",
                "parley.close.timeout", "5s",
                "parley.connections.per.address", "1000",
                "parley.connections.max", "2000"));
    }

    @Test
    void silentHealthyMembersAreNotClosedWhileOthersStall() throws InterruptedException {
        List<WsClient> quiet = new ArrayList<>();
        List<RawWebSocket> stalled = new ArrayList<>();
        WsClient loud = null;
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int i = 0; i < QUIET; i++) {
                WsClient q = WsClient.connect(base, "ws/room/quiet?name=q" + i);
                quiet.add(q);
                q.next("welcome");
            }
            loud = WsClient.connect(base, "ws/room/stalled?name=loud");
            loud.next("welcome");
            // the flood starts first, so that every stalled member has more to read than its socket takes
            WsClient flooder = loud;
            CompletableFuture<String> flood = CompletableFuture.supplyAsync(() -> flood(flooder, stop));
            Thread.sleep(500);
            for (int i = 0; i < STALLED; i++) {
                RawWebSocket s = RawWebSocket.open(Urls.ws(base, "ws/room/stalled?name=s" + i),
                        RawWebSocket.options().receiveBufferSize(1024));
                stalled.add(s);
                assertEquals(101, s.status(), () -> "handshake of a stalled member: " + s.handshake().statusLine());
            }
            Thread.sleep(FLOOD.toMillis());
            stop.set(true);
            String loudFailure;
            try {
                loudFailure = flood.get(15, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                loudFailure = "the flood did not end: " + e;
            }
            List<String> closedDuringFlood = closed(quiet);

            // The stalled clients go away; whatever the server still had queued for the quiet ones runs now.
            stalled.forEach(RawWebSocket::close);
            stalled.clear();
            Thread.sleep(AFTER.toMillis());
            List<String> closedInAll = closed(quiet);
            if (!closedInAll.isEmpty()) {
                fail(closedInAll.size() + " of the " + QUIET + " silent members of a quiet room, which answer every"
                        + " ping, were closed while " + STALLED + " members of another room stalled ("
                        + closedDuringFlood.size() + " of them during the " + FLOOD.toSeconds() + " s flood, the rest"
                        + " within " + AFTER.toSeconds() + " s after the stalled clients went away): "
                        + (closedInAll.size() <= 10 ? closedInAll
                                : closedInAll.subList(0, 10) + " and " + (closedInAll.size() - 10) + " more")
                        + (loudFailure == null ? "; the flooding member stayed open"
                                : "; the flooding member, which reads everything, " + loudFailure));
            }
        } finally {
            stop.set(true);
            stalled.forEach(RawWebSocket::close);
            quiet.forEach(WsClient::close);
            if (loud != null) {
                loud.close();
            }
        }
    }

    /**
     * Sends large messages to the stalled room until {@code stop}, each after the previous one came back,
     * so the stalled members' writes back up. Answers null, or what went wrong with the flooding client.
     */
    private String flood(WsClient loud, AtomicBoolean stop) {
        int sent = 0;
        try {
            while (!stop.get()) {
                if (!loud.isOpen()) {
                    return "closed with " + describe(loud.awaitClose(Duration.ofSeconds(1))) + " after " + sent
                            + " messages";
                }
                loud.send("{\"text\":\"" + TEXT + "\",\"ref\":\"f" + sent + "\"}");
                loud.next("message", Duration.ofSeconds(10));
                sent++;
            }
            return null;
        } catch (AssertionError e) {
            return "failed after " + sent + " messages: " + e.getMessage();
        }
    }

    /** The quiet members closed so far, with their close codes. */
    private static List<String> closed(List<WsClient> quiet) {
        List<String> closed = new ArrayList<>();
        for (int i = 0; i < quiet.size(); i++) {
            WsClient q = quiet.get(i);
            if (!q.isOpen()) {
                CloseReason reason;
                try {
                    reason = q.awaitClose(Duration.ofSeconds(1));
                } catch (AssertionError e) {
                    reason = null;
                }
                closed.add("q" + i + " " + describe(reason));
            }
        }
        return closed;
    }

    private static String describe(CloseReason reason) {
        return reason == null ? "(closing)" : reason.getCloseCode().getCode() + " \"" + reason.getReasonPhrase() + "\"";
    }
}
