package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The server pings silent connections; one that leaves a ping unanswered is closed with 4408 and leaves the room. */
public class HeartbeatIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.ping.interval", "300ms", "parley.ping.timeout", "600ms"));
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosed4408() {
        try (WsClient watcher = WsClient.connect(base, "ws/room/beats?name=watcher")) {
            watcher.next("welcome");
            try (RawWebSocket mute = RawWebSocket.open(Urls.ws(base, "ws/room/beats?name=mute"),
                    RawWebSocket.options().timeout(Duration.ofSeconds(10)))) {
                assertEquals("mute", watcher.next("join").getString("user"));
                boolean pinged = false;
                int close = -1;
                while (close == -1) {
                    RawWebSocket.Frame frame = mute.readFrame(Duration.ofSeconds(5));
                    if (frame == null) {
                        break;
                    }
                    pinged |= frame.opcode() == RawWebSocket.OP_PING;
                    if (frame.isClose()) {
                        close = frame.closeCode();
                    }
                }
                assertTrue(pinged, "the server pinged the silent client");
                assertEquals(4408, close);
            }
            assertEquals("mute", watcher.next("leave", Duration.ofSeconds(5)).getString("user"));
        }
    }

    @Test
    void aClientThatAnswersStaysOpen() throws InterruptedException {
        try (WsClient alive = WsClient.connect(base, "ws/user/alive")) {
            alive.next("welcome");
            Thread.sleep(2_000);
            assertTrue(alive.isOpen(), "answered pings for several intervals");
            alive.send("{\"type\":\"ping\",\"ref\":\"still\"}");
            assertEquals("still", alive.next("pong").getString("ref"));
        }
    }
}
