package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A room message reaches every member, the sender included, with what the server decided. */
public class RoomBroadcastIT extends ParleyIT {
    private static final Pattern TS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void welcomeComesFirstWithMembersAndAnEmptyHistory() {
        try (WsClient alice = WsClient.connect(base, "ws/room/welcome-room?name=alice")) {
            JsonObject welcome = alice.next();
            assertEquals("welcome", welcome.getString("type"));
            assertEquals("welcome-room", welcome.getString("room"));
            assertEquals("alice", welcome.getString("user"));
            assertEquals(List.of("alice"), Frames.members(welcome));
            assertEquals(1, welcome.getInt("memberCount"));
            assertTrue(welcome.getJsonArray("history").isEmpty());
            assertFalse(welcome.containsKey("recovered"), "recovered only when since was given");
        }
    }

    @Test
    void everyMemberGetsTheMessageAndOnlyTheSenderGetsItsRef() {
        try (WsClient alice = WsClient.connect(base, "ws/room/broadcast?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/broadcast?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"type\":\"message\",\"text\":\"hi  there 李雷 \\n\",\"ref\":\"c1\"}");

            JsonObject own = alice.next("message");
            JsonObject other = bob.next("message");
            assertEquals("c1", own.getString("ref"));
            assertFalse(other.containsKey("ref"), "ref only in the sender's own copy");
            for (JsonObject m : List.of(own, other)) {
                assertEquals("broadcast", m.getString("room"));
                assertEquals("alice", m.getString("from"));
                assertEquals("hi  there 李雷 \n", m.getString("text"), "text is relayed exactly");
                assertTrue(TS.matcher(m.getString("ts")).matches(), m.getString("ts"));
                assertFalse(m.containsKey("to"));
            }
            assertEquals(own.getString("id"), other.getString("id"));
            Instant ts = Instant.parse(own.getString("ts"));
            assertTrue(Duration.between(ts, Instant.now()).abs().toSeconds() < 60);
        }
    }

    @Test
    void aChatMessageMayOmitTypeAndRef() {
        try (WsClient alice = WsClient.connect(base, "ws/room/no-type?name=alice")) {
            alice.next("welcome");
            alice.send("{\"text\":\"plain\"}");
            JsonObject m = alice.next("message");
            assertEquals("plain", m.getString("text"));
            assertFalse(m.containsKey("ref"));
        }
    }

    @Test
    void fromIsTheServersIdeaOfTheSender() {
        try (WsClient alice = WsClient.connect(base, "ws/room/spoof?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/spoof?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"type\":\"message\",\"text\":\"trust me\",\"from\":\"bob\",\"id\":\"x\",\"ts\":\"y\"}");
            JsonObject m = bob.next("message");
            assertEquals("alice", m.getString("from"));
            assertFalse(m.getString("id").equals("x"));
            assertTrue(TS.matcher(m.getString("ts")).matches());
        }
    }

    @Test
    void idsFollowTheOrderMessagesWereAccepted() {
        try (WsClient alice = WsClient.connect(base, "ws/room/ids?name=alice")) {
            alice.next("welcome");
            for (int i = 0; i < 5; i++) {
                alice.send("{\"text\":\"m" + i + "\"}");
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (int i = 0; i < 5; i++) {
                JsonObject m = alice.next("message");
                assertEquals("m" + i, m.getString("text"));
                assertTrue(ids.add(m.getString("id")), "ids are unique");
            }
        }
    }
}
