package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.access.Tokens;
import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The three ways a token reaches the server: the {@code Sec-WebSocket-Protocol} header (answered with
 * {@code parley.v1} only), an {@code auth} first frame within {@code parley.auth.timeout}, and the legacy
 * {@code token} query parameter.
 */
public class TokenTransportIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.auth.secret", Tokens.SECRET, "parley.auth.timeout", "1s"));
    }

    private RawWebSocket withHeader(String path, String offered) {
        return RawWebSocket.open(Urls.ws(base, path),
                RawWebSocket.options().header("Sec-WebSocket-Protocol", offered));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aTokenInTheSubprotocolHeaderIsWhoTheClientIsAndOnlyParleyIsAnswered() {
        String token = Tokens.valid("alice");
        URI uri = Urls.ws(base, "ws/user/alice");
        assertFalse(RawWebSocket.requestLine(uri).contains("token="), "the request line carries no token");
        try (RawWebSocket ws = withHeader("ws/user/alice", "parley.v1, token." + token)) {
            assertEquals(101, ws.status());
            assertEquals("parley.v1", ws.handshake().header("Sec-WebSocket-Protocol"));
            assertFalse(ws.handshake().headers().toString().contains(token), "the token is never echoed");
            JsonObject welcome = json(ws.readText());
            assertEquals("welcome", welcome.getString("type"));
            assertEquals("alice", welcome.getString("user"));
        }
        try (RawWebSocket room = withHeader("ws/room/lobby?name=mallory", "parley.v1, token." + Tokens.valid("bob"))) {
            assertEquals(101, room.status());
            assertEquals("bob", json(room.readText()).getString("user"), "the token's user is the display name");
        }
    }

    @Test
    void aBadTokenInTheHeaderIs4401AtOnce() {
        try (RawWebSocket ws = withHeader("ws/user/alice", "parley.v1, token.garbage")) {
            assertEquals(101, ws.status());
            assertEquals(4401, ws.awaitClose());
        }
    }

    @Test
    void theHeaderComesBeforeTheQuery() {
        try (RawWebSocket ws = withHeader("ws/user/alice?token=garbage", "parley.v1, token." + Tokens.valid("alice"))) {
            assertEquals("alice", json(ws.readText()).getString("user"));
        }
    }

    @Test
    void aHandshakeAfterOneWithAHeaderTokenDoesNotInheritIt() {
        try (RawWebSocket first = withHeader("ws/user/alice", "parley.v1, token." + Tokens.valid("alice"))) {
            assertEquals("alice", json(first.readText()).getString("user"));
            try (RawWebSocket second = RawWebSocket.open(Urls.ws(base, "ws/user/alice"))) {
                assertEquals(4401, second.awaitClose());
            }
        }
    }

    @Test
    void theLegacyQueryParameterStillWorks() {
        try (WsClient client = WsClient.connect(base, "ws/user/alice?token=" + Tokens.valid("alice"))) {
            assertEquals("alice", client.next("welcome").getString("user"));
        }
    }

    @Test
    void anAuthFrameFirstAndTheWelcomeAfterIt() {
        try (WsClient client = WsClient.connect(base, "ws/user/carol");
             WsClient room = WsClient.connect(base, "ws/room/lobby")) {
            client.expectNoFrame(Duration.ofMillis(300));
            client.send("{\"type\":\"auth\",\"token\":\"" + Tokens.valid("carol") + "\"}");
            assertEquals("carol", client.next("welcome").getString("user"));
            room.send("{\"type\":\"auth\",\"token\":\"" + Tokens.valid("dave") + "\"}");
            assertEquals("dave", room.next("welcome").getString("user"));
            room.send("{\"text\":\"hi\"}");
            assertEquals("dave", room.next("message").getString("from"));
        }
    }

    @Test
    void anotherFrameFirstIs4401AuthenticateFirst() {
        try (WsClient client = WsClient.connect(base, "ws/room/lobby")) {
            client.send("{\"text\":\"hi\"}");
            CloseReason reason = client.awaitClose();
            assertEquals(4401, reason.getCloseCode().getCode());
            assertEquals("authenticate first", reason.getReasonPhrase());
        }
    }

    @Test
    void aBadTokenInTheAuthFrameIs4401() {
        try (WsClient client = WsClient.connect(base, "ws/user/erin")) {
            client.send("{\"type\":\"auth\",\"token\":\"garbage\"}");
            assertEquals(4401, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void silenceIs4401WithinTheTimeout() {
        long start = System.nanoTime();
        try (WsClient client = WsClient.connect(base, "ws/echo")) {
            CloseReason reason = client.awaitClose(Duration.ofSeconds(4));
            assertEquals(4401, reason.getCloseCode().getCode());
            assertEquals("authentication timed out", reason.getReasonPhrase());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 900 && millis < 4000, "closed after the 1 s timeout, took " + millis + " ms");
    }
}
