package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import dev.parley.access.Tokens;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * With parley.auth.rooms=claim a token's rooms claim decides where its user may join (else 4403), its
 * publish claim where it may speak (else a forbidden error); a fresh token's claims apply from then on.
 */
public class RoomPermissionsIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.auth.secret", Tokens.SECRET, "parley.auth.rooms", "claim"));
    }

    private static String token(String user, List<String> rooms, List<String> publish) {
        var claims = Tokens.claims(user, Instant.now().plusSeconds(600)).claim("rooms", rooms);
        if (publish != null) {
            claims.claim("publish", publish);
        }
        return Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, claims.build());
    }

    private CloseReason refused(String path) {
        try (WsClient client = WsClient.connect(base, path)) {
            return client.awaitClose();
        }
    }

    @Test
    void aRoomTheTokenDoesNotNameIs4403() {
        CloseReason reason = refused("ws/room/secret?token=" + token("alice", List.of("lobby"), null));
        assertEquals(4403, reason.getCloseCode().getCode());
        assertEquals("not allowed in this room", reason.getReasonPhrase());
        assertEquals(4403, refused("ws/room/lobby?token=" + Tokens.valid("alice")).getCloseCode().getCode(),
                "no rooms claim, no room");
    }

    @Test
    void aPatternAllowsTheRoomsWithItsPrefix() {
        String teams = token("bob", List.of("team-*"), null);
        try (WsClient red = WsClient.connect(base, "ws/room/team-red?token=" + teams)) {
            assertEquals("team-red", red.next("welcome").getString("room"));
        }
        assertEquals(4403, refused("ws/room/team?token=" + teams).getCloseCode().getCode());
    }

    @Test
    void aReadOnlyMemberReadsButItsMessagesAreRefusedAndNotSent() {
        try (WsClient reader = WsClient.connect(base, "ws/room/news?token=" + token("carol", List.of("news"),
                List.of()));
             WsClient editor = WsClient.connect(base, "ws/room/news?token=" + token("dave", List.of("news"), null))) {
            reader.next("welcome");
            editor.next("welcome");
            reader.send("{\"text\":\"let me speak\",\"ref\":\"r1\"}");
            JsonObject error = reader.next("error");
            assertEquals("forbidden", error.getString("code"));
            assertEquals("r1", error.getString("ref"));
            editor.send("{\"text\":\"the news\"}");
            assertEquals("the news", reader.next("message").getString("text"));
            JsonObject first = editor.next("message");
            assertEquals("the news", first.getString("text"), "the reader's message never reached the room");
        }
    }

    @Test
    void aFreshTokensRoomsApplyAndOneThatNoLongerAllowsTheRoomIs4403() {
        try (WsClient member = WsClient.connect(base, "ws/room/team-blue?token=" + token("erin", List.of("team-*"),
                List.of()))) {
            member.next("welcome");
            member.send("{\"text\":\"hi\",\"ref\":\"a\"}");
            assertEquals("forbidden", member.next("error").getString("code"));
            member.send("{\"type\":\"token\",\"token\":\"" + token("erin", List.of("team-*"), List.of("team-*")) + "\"}");
            member.next("token");
            member.send("{\"text\":\"hi\",\"ref\":\"b\"}");
            assertEquals("hi", member.next("message").getString("text"));
            member.send("{\"type\":\"token\",\"token\":\"" + token("erin", List.of("lobby"), null) + "\"}");
            CloseReason reason = member.awaitClose();
            assertEquals(4403, reason.getCloseCode().getCode());
            assertEquals("not allowed in this room", reason.getReasonPhrase());
        }
    }

    @Test
    void theServerApiIsNotSubjectToRoomPermissions() {
        try (WsClient reader = WsClient.connect(base, "ws/room/announcements?token="
                + token("frank", List.of("announcements"), List.of()))) {
            reader.next("welcome");
            int status = new ApiCalls(base, null).post("api/rooms/announcements/messages",
                    "{\"text\":\"from the backend\",\"from\":\"ops\"}").statusCode();
            assertEquals(201, status);
            assertEquals("from the backend", reader.next("message").getString("text"));
        }
    }
}
