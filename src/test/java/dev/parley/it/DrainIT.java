package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.LoopbackUrls;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.websocket.CloseReason;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code parley.drain=2s}, a stopping node stops being ready and stops taking connections while the open
 * ones stay, then closes them with Parley's 1001. Both containers stop routing requests to an application
 * before they take it down, so what a probe gets meanwhile is the container's answer (Tomcat's 404, Payara's
 * 503), never 200; Parley's own 503 for a draining node is checked in {@code ProbesTest}.
 */
@ExtendWith(ArquillianExtension.class)
public class DrainIT {
    private static final String NAME = "parley";

    @Deployment(name = NAME, managed = false, testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.drain", "2s"));
    }

    @ArquillianResource
    Deployer deployer;

    /** What a probe saw while the node was stopping. */
    private record Seen(int ready, boolean memberOpen, String newConnection) {
    }

    @Test
    void readinessGoesDownWhileConnectionsStayThenTheyGet1001() throws Exception {
        deployer.deploy(NAME);
        URL base = LoopbackUrls.deployed(NAME);
        WsClient member = WsClient.connect(base, "ws/room/drain?name=alice");
        member.next("welcome");
        assertEquals(200, RawWebSocket.get(Urls.http(base, "health/ready")).status(), "ready before the stop");

        List<Seen> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> watch(base, member, seen));
        deployer.undeploy(NAME);
        CloseReason close = member.awaitClose(Duration.ofSeconds(15));
        watcher.join();

        assertEquals(1001, close.getCloseCode().getCode(), close::toString);
        assertEquals("server shutting down", close.getReasonPhrase(), "Parley's 1001, not the container's");
        Seen drained = seen.stream().filter(s -> s.ready() != 200 && s.memberOpen()).findFirst()
                .orElseThrow(() -> new AssertionError("readiness never went down while alice was connected: " + seen));
        assertTrue(drained.ready() == 503 || drained.ready() == 404, () -> "readiness while draining: " + seen);
        // two readings 100 ms apart at least: the connection outlived the drop of readiness, not just raced it
        assertTrue(drained.newConnection().startsWith("refused"), () -> "a new connection while draining: " + seen);
        assertTrue(seen.stream().filter(s -> s.ready() != 200).count() >= 2,
                () -> "open for more than a moment after readiness went down: " + seen);
    }

    /** Polls readiness and tries a new connection until the member's connection is closed. */
    private static void watch(URL base, WsClient member, List<Seen> seen) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            boolean open = member.isOpen();
            int ready = status(base);
            if (!open) {
                return;
            }
            seen.add(new Seen(ready, member.isOpen(), ready == 200 ? "not tried" : newConnection(base)));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int status(URL base) {
        try {
            return RawWebSocket.get(Urls.http(base, "health/ready")).status();
        } catch (UncheckedIOException e) {
            return -1; // the container no longer listens
        }
    }

    /** "refused ..." when the handshake failed or the connection was closed with 1001 before any frame. */
    private static String newConnection(URL base) {
        try (RawWebSocket fresh = RawWebSocket.open(Urls.ws(base, "ws/room/drain?name=bob"))) {
            if (fresh.status() != 101) {
                return "refused with HTTP " + fresh.status();
            }
            RawWebSocket.Frame first = fresh.readFrame(Duration.ofSeconds(2));
            return first.isClose() && first.closeCode() == 1001 ? "refused with 1001" : "served: " + first;
        } catch (UncheckedIOException e) {
            return "refused: " + e.getMessage();
        }
    }
}
