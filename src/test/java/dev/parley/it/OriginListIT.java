package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A configured list of origins replaces the default; clients without Origin are still accepted. */
public class OriginListIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.origins", "https://app.example.com, http://localhost:3000"));
    }


    private int handshake(String origin) {
        RawWebSocket.Options options = RawWebSocket.options();
        if (origin != null) {
            options.header("Origin", origin);
        }
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/room/listed?name=a"), options)) {
            return ws.status();
        }
    }

    @Test
    void onlyTheListedOriginsAndNoOriginAreAccepted() {
        assertEquals(101, handshake("https://app.example.com"));
        assertEquals(101, handshake("http://localhost:3000"));
        assertEquals(101, handshake(null));
        assertEquals(403, handshake("http://" + base.getHost() + ":" + base.getPort()), "the default is replaced");
        assertEquals(403, handshake("https://app.example.com.evil.example"));
    }
}
