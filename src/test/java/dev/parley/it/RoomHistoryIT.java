package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A joiner's welcome holds the newest messages, up to the history size, oldest first. */
public class RoomHistoryIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.history.size", "3"));
    }

    @Test
    void welcomeCarriesTheNewestMessagesOldestFirst() {
        try (WsClient alice = WsClient.connect(base, "ws/room/history?name=alice")) {
            alice.next("welcome");
            for (int i = 1; i <= 5; i++) {
                alice.send("{\"text\":\"m" + i + "\",\"ref\":\"r" + i + "\"}");
                alice.next("message");
            }
            try (WsClient bob = WsClient.connect(base, "ws/room/history?name=bob")) {
                JsonObject welcome = bob.next();
                assertEquals("welcome", welcome.getString("type"));
                assertEquals(List.of("m3", "m4", "m5"), Frames.texts(welcome.getJsonArray("history")));
                JsonObject first = welcome.getJsonArray("history").getJsonObject(0);
                assertEquals("message", first.getString("type"));
                assertEquals("alice", first.getString("from"));
                assertEquals("history", first.getString("room"));
                assertFalse(first.containsKey("ref"), "history carries no ref");
            }
        }
    }

    @Test
    void historyIsPerRoom() {
        try (WsClient a = WsClient.connect(base, "ws/room/h-one?name=a")) {
            a.next("welcome");
            a.send("{\"text\":\"only here\"}");
            a.next("message");
        }
        try (WsClient b = WsClient.connect(base, "ws/room/h-two?name=b")) {
            assertEquals(0, b.next("welcome").getJsonArray("history").size());
        }
        try (WsClient c = WsClient.connect(base, "ws/room/h-one?name=c")) {
            assertEquals(List.of("only here"), Frames.texts(c.next("welcome").getJsonArray("history")));
        }
    }
}
