package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import dev.parley.access.Tokens;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A token's exp is required and bounds its connection: the welcome says when, the connection closes 4401
 * "token expired" then, unless the client sent a fresh token of the same user in a token frame.
 */
public class TokenExpiryIT extends ParleyIT {
    private static final Duration PAST_EXPIRY = Duration.ofSeconds(15);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.auth.secret", Tokens.SECRET, "parley.auth.max.lifetime", "1h"));
    }

    private static String token(String user, Instant exp) {
        return Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, user, exp);
    }

    private static String tokenFrame(String token) {
        return "{\"type\":\"token\",\"token\":\"" + token + "\"}";
    }

    private int handshakeClose(String path) {
        try (WsClient client = WsClient.connect(base, path)) {
            return client.awaitClose().getCloseCode().getCode();
        }
    }

    @Test
    void theWelcomeSaysWhenTheTokenExpires() {
        Instant exp = Instant.now().plusSeconds(600);
        try (WsClient user = WsClient.connect(base, "ws/user/alice?token=" + token("alice", exp));
             WsClient room = WsClient.connect(base, "ws/room/lobby?token=" + token("alice", exp))) {
            assertEquals(exp.getEpochSecond(), user.next("welcome").getJsonNumber("exp").longValue());
            assertEquals(exp.getEpochSecond(), room.next("welcome").getJsonNumber("exp").longValue());
        }
    }

    @Test
    void aTokenWithoutExpOrLivingTooLongIsRefusedAtTheHandshake() {
        assertEquals(4401, handshakeClose("ws/user/alice?token=" + token("alice", null)));
        assertEquals(4401, handshakeClose("ws/user/alice?token=" + token("alice", Instant.now().plusSeconds(7200))),
                "parley.auth.max.lifetime is 1h");
        String oldIssue = Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, Tokens.claims("alice",
                Instant.now().plusSeconds(60)).issueTime(Date.from(Instant.now().minusSeconds(7200))).build());
        assertEquals(4401, handshakeClose("ws/user/alice?token=" + oldIssue), "exp - iat over 1h");
    }

    @Test
    void aConnectionClosesWhenItsTokenExpires() {
        try (WsClient user = WsClient.connect(base, "ws/user/bob?token=" + token("bob", Instant.now().plusSeconds(3)));
             WsClient room = WsClient.connect(base, "ws/room/lobby?token=" + token("bob", Instant.now().plusSeconds(3)));
             WsClient echo = WsClient.connect(base, "ws/echo?token=" + token("bob", Instant.now().plusSeconds(3)))) {
            user.next("welcome");
            room.next("welcome");
            for (WsClient client : new WsClient[] {user, room, echo}) {
                CloseReason reason = client.awaitClose(PAST_EXPIRY);
                assertEquals(4401, reason.getCloseCode().getCode(), client.toString());
                assertEquals("token expired", reason.getReasonPhrase());
            }
        }
    }

    @Test
    void aFreshTokenOfTheSameUserKeepsTheConnection() {
        Instant soon = Instant.now().plusSeconds(3);
        Instant later = Instant.now().plusSeconds(600);
        try (WsClient room = WsClient.connect(base, "ws/room/refresh?token=" + token("carol", soon));
             WsClient user = WsClient.connect(base, "ws/user/carol?token=" + token("carol", soon))) {
            room.next("welcome");
            user.next("welcome");
            room.send(tokenFrame(token("carol", later)));
            user.send(tokenFrame(token("carol", later)));
            assertEquals(later.getEpochSecond(), room.next("token").getJsonNumber("exp").longValue());
            assertEquals(later.getEpochSecond(), user.next("token").getJsonNumber("exp").longValue());
            // past the first token's expiry (and its skew), both still talk
            room.expectNoFrame(Duration.ofSeconds(5));
            room.send("{\"text\":\"still here\"}");
            assertEquals("still here", room.next("message").getString("text"));
            user.send("{\"type\":\"ping\",\"ref\":\"p\"}");
            assertEquals("p", user.next("pong").getString("ref"));
            assertTrue(user.isOpen());
        }
    }

    @Test
    void aTokenOfAnotherUserOrARefusedTokenEndsTheConnection() {
        Instant later = Instant.now().plusSeconds(600);
        try (WsClient other = WsClient.connect(base, "ws/user/dave?token=" + token("dave", later));
             WsClient refused = WsClient.connect(base, "ws/room/lobby?token=" + token("dave", later))) {
            other.next("welcome");
            refused.next("welcome");
            other.send(tokenFrame(token("mallory", later)));
            refused.send(tokenFrame(Tokens.signed("another-secret-that-is-also-long-enough-for-hs256",
                    JWSAlgorithm.HS256, "dave", later)));
            CloseReason otherUser = other.awaitClose();
            assertEquals(4401, otherUser.getCloseCode().getCode());
            assertEquals("this token is for another user", otherUser.getReasonPhrase());
            CloseReason badToken = refused.awaitClose();
            assertEquals(4401, badToken.getCloseCode().getCode());
            assertEquals("token refused", badToken.getReasonPhrase());
        }
    }

    @Test
    void aTokenFrameWithoutATokenIsABadRequest() {
        try (WsClient room = WsClient.connect(base, "ws/room/lobby?token=" + Tokens.valid("erin"))) {
            room.next("welcome");
            room.send("{\"type\":\"token\",\"ref\":\"t1\"}");
            assertEquals("t1", room.next("error").getString("ref"));
            assertTrue(room.isOpen());
        }
    }
}
