package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** join when a name's first connection opens, leave when its last one closes; guests get unique names. */
public class PresenceIT extends ParleyIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }


    /** Connects and waits for the welcome, so that members enter in the order of the calls. */
    private WsClient welcomed(String path) {
        WsClient client = WsClient.connect(base, path);
        client.next("welcome");
        return client;
    }

    @Test
    void othersHearAJoinAndTheJoinerIsInTheWelcome() {
        try (WsClient alice = WsClient.connect(base, "ws/room/p1?name=alice")) {
            alice.next("welcome");
            try (WsClient bob = WsClient.connect(base, "ws/room/p1?name=bob")) {
                JsonObject welcome = bob.next();
                assertEquals("welcome", welcome.getString("type"));
                assertEquals(List.of("alice", "bob"), Frames.members(welcome));
                assertEquals(2, welcome.getInt("memberCount"));
                JsonObject join = alice.next();
                assertEquals("join", join.getString("type"));
                assertEquals("p1", join.getString("room"));
                assertEquals("bob", join.getString("user"));
                assertTrue(join.containsKey("ts"));
                bob.expectNoFrame(QUIET);
            }
            JsonObject leave = alice.next();
            assertEquals("leave", leave.getString("type"));
            assertEquals("bob", leave.getString("user"));
        }
    }

    @Test
    void aSecondConnectionOfTheSameNameIsNoNewMember() {
        try (WsClient alice = welcomed("ws/room/p2?name=alice");
             WsClient bob1 = welcomed("ws/room/p2?name=bob")) {
            alice.next("join");
            try (WsClient bob2 = WsClient.connect(base, "ws/room/p2?name=bob")) {
                JsonObject welcome = bob2.next("welcome");
                assertEquals(2, welcome.getInt("memberCount"));
                alice.expectNoFrame(QUIET);
            }
            alice.expectNoFrame(QUIET);
            bob1.close();
            assertEquals("leave", alice.next().getString("type"), "the last connection of bob closed");
        }
    }

    @Test
    void guestsGetUniqueNames() {
        try (WsClient g1 = WsClient.connect(base, "ws/room/p3");
             WsClient g2 = WsClient.connect(base, "ws/room/p3?name=")) {
            String n1 = g1.next("welcome").getString("user");
            String n2 = g2.next("welcome").getString("user");
            assertTrue(n1.matches("guest-\\d+"), n1);
            assertTrue(n2.matches("guest-\\d+"), n2);
            assertNotEquals(n1, n2);
            g1.send("{\"text\":\"hello\"}");
            assertEquals(n1, g2.next("message").getString("from"));
        }
    }

    @Test
    void aGuestNameIsNeverOneAMemberChose() {
        try (WsClient taken = welcomed("ws/room/p4?name=guest-1");
             WsClient guest = WsClient.connect(base, "ws/room/p4")) {
            assertNotEquals("guest-1", guest.next("welcome").getString("user"));
        }
    }
}
