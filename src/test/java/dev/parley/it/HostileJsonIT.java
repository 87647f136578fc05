package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid JSON that is hostile in ways the fuzz ({@link FuzzIT}) leaves to these tests: text that cannot be
 * written back as UTF-8, and the exact nesting limit.
 */
public class HostileJsonIT extends ParleyIT {
    /** What a connection that still works answers well within. */
    private static final Duration WAIT = Duration.ofSeconds(2);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings("parley.connections.per.address", "100000"));
    }


    /**
     * JSON may escape a UTF-16 surrogate that has no partner ({@code "\\uD800"}): the parser then hands over
     * a string that no UTF-8 encoder can write. Whether the server refuses such a text ({@code bad_request})
     * or relays it with a replacement character, the sender must get an answer, and no member of the room
     * may lose its connection's output over it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\\uD800", "a\\uDE00\\uD83D!"})
    void anUnpairedSurrogateInARoomMessageMutesNobody(String escaped) {
        String room = "surrogate-" + Integer.toHexString(escaped.hashCode());
        try (WsClient sender = WsClient.connect(base, "ws/room/" + room + "?name=sender")) {
            sender.next("welcome");
            try (WsClient watcher = WsClient.connect(base, "ws/room/" + room + "?name=watcher")) {
                watcher.next("welcome");
                sender.next("join");
                sayAndCheck(base, room, escaped, sender, watcher);
            }
        }
    }

    private static void sayAndCheck(URL base, String room, String escaped, WsClient sender, WsClient watcher) {
        sender.send("{\"text\":\"" + escaped + "\",\"ref\":\"s\"}");
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> {
            JsonObject answer = json(sender.nextText(WAIT));
            assertTrue(answer.getString("type").equals("message")
                    || answer.getString("type").equals("error") && answer.getString("code").equals("bad_request"),
                    "the sender's copy or bad_request: " + answer);
            assertEquals("s", answer.getString("ref"));
        });
        checks.add(() -> pingPong(sender, "sender"));
        checks.add(() -> pingPong(watcher, "watcher"));
        checks.add(() -> {
            try (WsClient late = WsClient.connect(base, "ws/room/" + room + "?name=late")) {
                assertEquals("welcome", json(late.nextText(WAIT)).getString("type"), "a member joining afterwards is welcomed");
            }
        });
        assertAll("after " + escaped + " in a room message", checks);
    }

    /** The same in a direct message: the receiver, online or coming online later, keeps getting frames. */
    @Test
    void anUnpairedSurrogateInADirectMessageMutesNobody() {
        List<Throwable> failures = new ArrayList<>();
        try (WsClient alice = WsClient.connect(base, "ws/user/sur-alice");
             WsClient bob = WsClient.connect(base, "ws/user/sur-bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"to\":\"sur-bob\",\"text\":\"\\uD800\",\"ref\":\"online\"}");
            now(failures, () -> assertEquals("online", alice.next().getString("ref"), "alice's answer"));
            now(failures, () -> pingPong(bob, "the online receiver"));
            alice.send("{\"to\":\"sur-carol\",\"text\":\"\\uD800\",\"ref\":\"offline\"}");
            now(failures, () -> assertEquals("offline", alice.next().getString("ref"), "alice's answer"));
        }
        now(failures, () -> {
            try (WsClient carol = WsClient.connect(base, "ws/user/sur-carol")) {
                int pending = carol.next("welcome", WAIT).getInt("pending");
                for (int i = 0; i < pending; i++) {
                    assertEquals("message", json(carol.nextText(WAIT)).getString("type"), "the stored message");
                }
                pingPong(carol, "the receiver coming online");
            }
        });
        assertAll("after an unpaired surrogate in a direct message",
                failures.stream().map(f -> (Executable) () -> {
                    throw f;
                }));
    }

    /** Runs a check at once, keeping its failure for the end. */
    private static void now(List<Throwable> failures, Executable check) {
        try {
            check.execute();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static void pingPong(WsClient client, String who) {
        client.send("{\"type\":\"ping\",\"ref\":\"still-there\"}");
        JsonObject pong = client.next("pong", WAIT);
        assertEquals("still-there", pong.getString("ref"), who + " got its pong");
    }

    /**
     * "nesting deeper than 32 levels" is {@code bad_json}. Counted as JSON parsers count depth (Parsson's
     * and Jackson's limits, say): the frame's own object is level 1, so {@code {"x":[1]}} is 2 levels deep.
     */
    @Test
    void nestingDeeperThan32LevelsIsBadJson() {
        try (WsClient alice = WsClient.connect(base, "ws/room/nesting?name=alice")) {
            alice.next("welcome");
            alice.send(frameOfLevels(32));
            assertEquals("message", alice.next().getString("type"), "32 levels are accepted");
            alice.send(frameOfLevels(34));
            assertEquals("bad_json", alice.next("error").getString("code"), "34 levels are refused");
            alice.send(frameOfLevels(33));
            JsonObject answer = alice.next();
            assertEquals("error", answer.getString("type"), "33 levels are refused: " + answer);
            assertEquals("bad_json", answer.getString("code"));
        }
    }

    /** A chat message whose deepest value sits {@code levels} levels deep, counting the frame's object. */
    private static String frameOfLevels(int levels) {
        return "{\"text\":\"" + levels + " levels\",\"x\":" + HostileFrames.nest(levels - 1, 2, "1") + "}";
    }
}
