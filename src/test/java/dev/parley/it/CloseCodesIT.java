package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.websocket.CloseReason;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invalid names close with 4400, binary frames with 1003, frames over the maximum with 1009. */
public class CloseCodesIT extends ParleyIT {
    static final String USER_ID_TOO_LONG = "u-123456789-123456789-123456789-123456789-123456789-123456789-123456789"
            + "-123456789-123456789-123456789-123456789-123456789-123456789-123456789-123456789-123456789-123456789"
            + "-123456789-123456789-123456789-123456789-123456789-123456789-123456789-123456789-1234567890";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.frame.max", "2048"));
    }


    private static int code(CloseReason reason) {
        return reason.getCloseCode().getCode();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ws/room/a b", "ws/room/<b>", "ws/room/abcdefghijklmnopqrstuvwxyz0123456",
        "ws/room/lobby?name=a b", "ws/room/lobby?name=<script>",
        "ws/user/" + CloseCodesIT.USER_ID_TOO_LONG})
    void anInvalidNameClosesWith4400(String path) {
        try (WsClient client = WsClient.connect(base, path)) {
            assertEquals(4400, code(client.awaitClose()));
        }
    }

    @Test
    void unicodeAndPunctuatedNamesAreWelcome() {
        try (WsClient room = WsClient.connect(base, "ws/room/李雷?name=bob.smith");
             WsClient user = WsClient.connect(base, "ws/user/李雷");
             WsClient longest = WsClient.connect(base, "ws/user/abcdefghijklmnopqrstuvwxyz012345");
             WsClient opaque = WsClient.connect(base, "ws/user/bob smith!")) {
            var welcome = room.next("welcome");
            assertEquals("李雷", welcome.getString("room"));
            assertEquals("bob.smith", welcome.getString("user"));
            assertEquals("李雷", user.next("welcome").getString("user"));
            assertEquals("welcome", longest.next().getString("type"), "32 characters are allowed");
            assertEquals("bob smith!", opaque.next("welcome").getString("user"), "a user id is wider than a name");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/binary?name=alice", "ws/user/alice", "ws/echo"})
    void aBinaryFrameClosesWith1003(String path) {
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, path))) {
            ws.sendBinary(new byte[] {1, 2, 3});
            assertEquals(1003, ws.awaitClose());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/big-frame?name=alice", "ws/user/alice", "ws/echo"})
    void aFrameOverTheMaximumClosesWith1009(String path) {
        try (WsClient client = WsClient.connect(base, path)) {
            client.send("{\"text\":\"" + "x".repeat(3000) + "\"}");
            assertEquals(1009, code(client.awaitClose()));
        }
    }

    @Test
    void aFrameJustUnderTheMaximumIsAccepted() {
        try (WsClient client = WsClient.connect(base, "ws/echo")) {
            String text = "y".repeat(2000);
            client.send(text);
            assertEquals(text, client.nextText());
        }
    }
}
