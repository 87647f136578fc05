package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import dev.parley.access.Tokens;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With an auth secret, every handshake needs a valid HS256 token; its subject is who the client is. */
public class AuthIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.auth.secret", Tokens.SECRET, "parley.auth.timeout", "1s"));
    }


    private int closeCode(String path) {
        try (WsClient client = WsClient.connect(base, path)) {
            return client.awaitClose().getCloseCode().getCode();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/lobby?name=alice", "ws/user/alice", "ws/echo", "ws/monitor"})
    void noTokenIs4401(String path) {
        assertEquals(4401, closeCode(path));
    }

    @Test
    void badTokensAre4401() {
        String wrongKey = Tokens.signed("another-secret-that-is-also-long-enough-for-hs256", JWSAlgorithm.HS256,
                "alice", null);
        String expired = Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, "alice", Instant.now().minusSeconds(3600));
        String otherAlgorithm = Tokens.signed(Tokens.SECRET + Tokens.SECRET, JWSAlgorithm.HS384, "alice", null);
        for (String token : new String[] {wrongKey, expired, Tokens.none("alice"), otherAlgorithm, "garbage"}) {
            assertEquals(4401, closeCode("ws/user/alice?token=" + token), token);
            assertEquals(4401, closeCode("ws/room/lobby?token=" + token), token);
        }
    }

    @Test
    void aTokenForAnotherUserIs4401() {
        assertEquals(4401, closeCode("ws/user/bob?token=" + Tokens.valid("alice")));
    }

    @Test
    void authenticationComesBeforeNames() {
        assertEquals(4401, closeCode("ws/room/a b"));
        assertEquals(4401, closeCode("ws/user/a b?token=garbage"));
        assertEquals(4400, closeCode("ws/room/a b?token=" + Tokens.valid("alice")), "a good token, then the name rule");
    }

    @Test
    void aGoodTokenIsWhoTheClientIs() {
        try (WsClient user = WsClient.connect(base, "ws/user/alice?token=" + Tokens.valid("alice"));
             WsClient room = WsClient.connect(base, "ws/room/lobby?name=mallory&token=" + Tokens.valid("bob"));
             WsClient echo = WsClient.connect(base, "ws/echo?token=" + Tokens.valid("carol"))) {
            assertEquals("alice", user.next("welcome").getString("user"));
            JsonObject welcome = room.next("welcome");
            assertEquals("bob", welcome.getString("user"), "on rooms the subject is the display name");
            room.send("{\"text\":\"signed\"}");
            assertEquals("bob", room.next("message").getString("from"));
            echo.send("hello");
            assertEquals("hello", echo.nextText());
        }
    }
}
