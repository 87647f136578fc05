package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.RawWebSocket.HttpResponse;
import dev.parley.testing.Urls;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A plain HTTP GET on a WebSocket path gets 426 and a one-line hint. */
public class UpgradeRequiredIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/echo", "ws/room/lobby", "ws/user/alice", "ws/monitor"})
    void plainGetIsToldToUseAWebSocketClient(String path) {
        HttpResponse response = RawWebSocket.get(Urls.http(base, path));

        assertEquals(426, response.status(), () -> "GET " + path + ": " + response.statusLine());
        String body = response.body().strip();
        assertFalse(body.isEmpty(), "426 with an empty body");
        assertFalse(body.contains("\n"), () -> "body is more than one line: " + response.body());
        assertTrue(body.toLowerCase(Locale.ROOT).contains("websocket"), () -> "body: " + body);
    }
}
