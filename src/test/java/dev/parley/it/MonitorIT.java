package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** /ws/monitor pushes a stats frame at once and then every second, one frame shared by all watchers. */
public class MonitorIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings());
    }

    @Test
    void statsCarryTheProtocolsFields() {
        try (WsClient member = WsClient.connect(base, "ws/room/watched?name=李雷")) {
            member.next("welcome");
            WsClient monitor = WsClient.connect(base, "ws/monitor");
            JsonObject stats = monitor.next("stats", Duration.ofSeconds(2));
            assertTrue(stats.getString("node").startsWith("node-"));
            assertTrue(stats.getInt("connections") >= 2, "the member and the monitor itself");
            assertTrue(stats.getInt("rooms") >= 1);
            assertTrue(stats.getInt("users") >= 1);
            assertTrue(stats.getJsonNumber("heapUsedBytes").longValue() > 0);
            for (String field : new String[] {"inPerSec", "outPerSec", "latencyP50Ms", "latencyP99Ms", "outboxOverflows"}) {
                assertTrue(stats.containsKey(field), field);
            }
            monitor.close();
        }
    }

    @Test
    void aFrameComesEverySecond() {
        try (WsClient monitor = WsClient.connect(base, "ws/monitor")) {
            monitor.next("stats", Duration.ofSeconds(2));
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                monitor.next("stats", Duration.ofMillis(1_800));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds > 2.0 && seconds < 4.5, "three more frames in " + seconds + " s");
        }
    }

    @Test
    void trafficShowsInTheRates() {
        try (WsClient alice = WsClient.connect(base, "ws/room/busy?name=alice");
             WsClient monitor = WsClient.connect(base, "ws/monitor")) {
            alice.next("welcome");
            monitor.next("stats");
            for (int i = 0; i < 50; i++) {
                alice.send("{\"text\":\"m" + i + "\"}");
            }
            for (int i = 0; i < 50; i++) {
                alice.next("message");
            }
            double in = 0;
            double out = 0;
            for (int i = 0; i < 3 && (in < 45 || out < 45); i++) {
                JsonObject stats = monitor.next("stats", Duration.ofSeconds(2));
                in += stats.getJsonNumber("inPerSec").doubleValue();
                out += stats.getJsonNumber("outPerSec").doubleValue();
            }
            // each rate is over a little more than a second, so the sums come out a little under 50
            assertTrue(in >= 45, "frames in per second summed over the frames: " + in);
            assertTrue(out >= 45, "frames out per second summed over the frames: " + out);
        }
    }

    @Test
    void watchersShareOneFramePerSecond() {
        try (WsClient first = WsClient.connect(base, "ws/monitor");
             WsClient second = WsClient.connect(base, "ws/monitor")) {
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                a.add(first.nextText(Duration.ofSeconds(2)));
                b.add(second.nextText(Duration.ofSeconds(2)));
            }
            // the first frame of each is its own; the ticks after it are the same frame
            assertTrue(a.stream().skip(1).anyMatch(b::contains), "no shared frame in\n" + a + "\n" + b);
            assertEquals("stats", Json.createReader(new StringReader(a.get(2))).readObject().getString("type"));
        }
    }
}
