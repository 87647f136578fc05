package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A node takes at most parley.connections.max connections; past that a new one is closed with 1013. */
public class ConnectionLimitIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.connections.max", "3"));
    }

    @Test
    void theFourthConnectionIsRefusedUntilOneCloses() throws InterruptedException {
        List<WsClient> open = new ArrayList<>();
        try {
            open.add(WsClient.connect(base, "ws/room/full?name=a"));
            open.add(WsClient.connect(base, "ws/user/b"));
            open.add(WsClient.connect(base, "ws/echo"));
            open.get(0).next("welcome");
            open.get(1).next("welcome");
            try (WsClient fourth = WsClient.connect(base, "ws/user/d")) {
                assertEquals(1013, fourth.awaitClose().getCloseCode().getCode());
            }
            open.remove(2).close();
            WsClient again = Admitted.after(base, "ws/user/e");
            assertEquals(true, again != null, "a closed connection frees its place");
            open.add(again);
        } finally {
            open.forEach(WsClient::close);
        }
    }
}
