package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A refused frame gets an error frame with the protocol's code; the connection stays open and nothing is relayed. */
public class BadInputIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.text.max", "10"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "bad_json    | room | not json",
        "bad_json    | room | [1,2]",
        "bad_json    | user | \"text\"",
        "bad_json    | room | {\"text\":\"a\"} trailing",
        "bad_request | room | {\"type\":\"shout\",\"text\":\"hi\",\"ref\":\"r\"}",
        "bad_request | room | {\"type\":\"message\",\"ref\":\"r\"}",
        "bad_request | user | {\"text\":5,\"to\":\"bob\",\"ref\":\"r\"}",
        "bad_request | user | {\"text\":\"hi\",\"ref\":\"r\"}",
        "bad_request | user | {\"text\":\"hi\",\"to\":\"a\\u0007b\",\"ref\":\"r\"}",
        "empty       | room | {\"text\":\"  \\n\\t \",\"ref\":\"r\"}",
        "empty       | user | {\"text\":\"\",\"to\":\"bob\",\"ref\":\"r\"}",
        "too_long    | room | {\"text\":\"eleven chars\",\"ref\":\"r\"}",
        "too_long    | user | {\"text\":\"eleven chars\",\"to\":\"bob\",\"ref\":\"r\"}",
    })
    void refusedFramesGetAnErrorAndTheConnectionStaysOpen(String code, String endpoint, String frame) {
        String path = endpoint.equals("room") ? "ws/room/bad?name=alice" : "ws/user/alice";
        // alice enters first, so the watcher's welcome lists her and no join follows it
        try (WsClient alice = WsClient.connect(base, path)) {
            alice.next("welcome");
            WsClient watcher = WsClient.connect(base, endpoint.equals("room") ? "ws/room/bad?name=watcher" : "ws/user/bob");
            watcher.next("welcome");
            alice.send(frame);
            JsonObject error = alice.next("error");
            assertEquals(code, error.getString("code"));
            assertFalse(error.getString("message").isBlank());
            if (frame.contains("\"ref\":\"r\"")) {
                assertEquals("r", error.getString("ref"), "the error echoes the frame's ref");
            } else {
                assertFalse(error.containsKey("ref"));
            }
            alice.send("{\"type\":\"ping\",\"ref\":\"still-here\"}");
            JsonObject pong = alice.next("pong");
            assertEquals("still-here", pong.getString("ref"));
            assertTrue(alice.isOpen());
            watcher.send("{\"type\":\"ping\"}");
            assertEquals("pong", watcher.next().getString("type"), "nothing of the refused frame was relayed");
            watcher.close();
        }
    }

    @Test
    void aRefLongerThan64CharactersIsABadRequest() {
        try (WsClient alice = WsClient.connect(base, "ws/room/bad-ref?name=alice")) {
            alice.next("welcome");
            alice.send("{\"text\":\"hi\",\"ref\":\"" + "r".repeat(65) + "\"}");
            assertEquals("bad_request", alice.next("error").getString("code"));
            alice.send("{\"text\":\"hi\",\"ref\":\"" + "r".repeat(64) + "\"}");
            assertEquals("r".repeat(64), alice.next("message").getString("ref"));
        }
    }

    @Test
    void pingIsAnsweredWithPongOnBothEndpoints() {
        try (WsClient room = WsClient.connect(base, "ws/room/ping?name=a");
             WsClient user = WsClient.connect(base, "ws/user/a")) {
            room.next("welcome");
            user.next("welcome");
            room.send("{\"type\":\"ping\",\"ref\":\"p1\"}");
            user.send("{\"type\":\"ping\"}");
            JsonObject roomPong = room.next();
            assertEquals("pong", roomPong.getString("type"));
            assertEquals("p1", roomPong.getString("ref"));
            JsonObject userPong = user.next();
            assertEquals("pong", userPong.getString("type"));
            assertFalse(userPong.containsKey("ref"));
        }
    }

    @Test
    void textAtTheLimitCountsCodePointsNotUtf16Units() {
        try (WsClient alice = WsClient.connect(base, "ws/room/astral?name=alice")) {
            alice.next("welcome");
            String tenEmoji = "😀".repeat(10);
            alice.send("{\"text\":\"" + tenEmoji + "\"}");
            assertEquals(tenEmoji, alice.next("message").getString("text"));
        }
    }
}
