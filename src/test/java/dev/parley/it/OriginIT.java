package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** By default a browser may connect only from the server's own origin; clients without Origin always may. */
public class OriginIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }


    private int handshake(String path, String origin) {
        RawWebSocket.Options options = RawWebSocket.options();
        if (origin != null) {
            options.header("Origin", origin);
        }
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, path), options)) {
            return ws.status();
        }
    }

    private String ownOrigin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/lobby?name=a", "ws/user/a", "ws/echo", "ws/monitor"})
    void theServersOwnOriginAndNoOriginAreAccepted(String path) {
        assertEquals(101, handshake(path, ownOrigin()));
        assertEquals(101, handshake(path, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/lobby?name=a", "ws/user/a", "ws/echo", "ws/monitor"})
    void aForeignOriginIsRefusedWith403(String path) {
        assertEquals(403, handshake(path, "http://evil.example"));
        assertEquals(403, handshake(path, "http://" + base.getHost() + ":" + (base.getPort() + 1)));
        assertEquals(403, handshake(path, "https://" + base.getHost() + ":" + base.getPort()));
    }

    @Test
    void theRefusalSaysWhy() {
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/echo"),
                RawWebSocket.options().header("Origin", "http://evil.example"))) {
            assertEquals(403, ws.status());
            assertEquals(true, ws.handshake().body().contains("origin"), ws.handshake().body());
        }
    }
}
