package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** One remote address gets at most parley.connections.per.address connections; past that, 1013. */
public class AddressLimitIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.connections.per.address", "2"));
    }

    @Test
    void theThirdConnectionFromOneAddressIsRefused() {
        try (WsClient a = WsClient.connect(base, "ws/user/a");
             WsClient b = WsClient.connect(base, "ws/room/r?name=b")) {
            a.next("welcome");
            b.next("welcome");
            try (WsClient c = WsClient.connect(base, "ws/user/c")) {
                assertEquals(1013, c.awaitClose().getCloseCode().getCode());
            }
            a.send("{\"type\":\"ping\"}");
            assertEquals("pong", a.next().getString("type"), "the refusal costs the others nothing");
        }
    }
}
