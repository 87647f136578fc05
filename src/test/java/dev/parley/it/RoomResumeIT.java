package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Reconnecting with since=&lt;last id&gt; gets what was missed, in order, with no duplicates. */
public class RoomResumeIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.history.size", "10"));
    }


    private List<String> say(WsClient client, String... texts) {
        List<String> ids = new ArrayList<>();
        for (String text : texts) {
            client.send("{\"text\":\"" + text + "\"}");
            ids.add(client.next("message").getString("id"));
        }
        return ids;
    }

    @Test
    void resumeDeliversExactlyWhatWasMissed() {
        try (WsClient alice = WsClient.connect(base, "ws/room/resume?name=alice")) {
            alice.next("welcome");
            String lastSeen;
            try (WsClient bob = WsClient.connect(base, "ws/room/resume?name=bob")) {
                bob.next("welcome");
                say(alice, "before-1", "before-2");
                bob.next("message");
                lastSeen = bob.next("message").getString("id");
            }
            say(alice, "missed-1", "missed-2", "missed-3");
            try (WsClient bob = WsClient.connect(base, "ws/room/resume?name=bob&since=" + lastSeen)) {
                JsonObject welcome = bob.next("welcome");
                assertTrue(welcome.getBoolean("recovered"));
                assertEquals(List.of("missed-1", "missed-2", "missed-3"), Frames.texts(welcome.getJsonArray("history")));
                say(alice, "live");
                assertEquals("live", bob.next("message").getString("text"));
                bob.expectNoFrame(Duration.ofMillis(300));
            }
        }
    }

    @Test
    void resumeFromTheNewestIdIsRecoveredAndEmpty() {
        try (WsClient alice = WsClient.connect(base, "ws/room/resume-newest?name=alice")) {
            alice.next("welcome");
            String newest = say(alice, "one", "two").get(1);
            try (WsClient again = WsClient.connect(base, "ws/room/resume-newest?name=alice&since=" + newest)) {
                JsonObject welcome = again.next("welcome");
                assertTrue(welcome.getBoolean("recovered"));
                assertEquals(0, welcome.getJsonArray("history").size());
            }
        }
    }

    @Test
    void anUnknownIdIsNotRecoveredAndGetsTheNormalHistory() {
        try (WsClient alice = WsClient.connect(base, "ws/room/resume-unknown?name=alice")) {
            alice.next("welcome");
            say(alice, "a", "b");
            try (WsClient bob = WsClient.connect(base, "ws/room/resume-unknown?name=bob&since=no-such-id")) {
                JsonObject welcome = bob.next("welcome");
                assertFalse(welcome.getBoolean("recovered"));
                assertEquals(List.of("a", "b"), Frames.texts(welcome.getJsonArray("history")));
            }
        }
    }

    @Test
    void anIdOlderThanTheHistoryIsNotRecovered() {
        try (WsClient alice = WsClient.connect(base, "ws/room/resume-old?name=alice")) {
            alice.next("welcome");
            String oldest = say(alice, "m0").get(0);
            for (int i = 1; i <= 12; i++) {
                say(alice, "m" + i);
            }
            try (WsClient bob = WsClient.connect(base, "ws/room/resume-old?name=bob&since=" + oldest)) {
                JsonObject welcome = bob.next("welcome");
                assertFalse(welcome.getBoolean("recovered"), "m1 and m2 are gone from the history");
                List<String> texts = Frames.texts(welcome.getJsonArray("history"));
                assertEquals(10, texts.size());
                assertEquals("m3", texts.get(0));
                assertEquals("m12", texts.get(9));
            }
        }
    }
}
