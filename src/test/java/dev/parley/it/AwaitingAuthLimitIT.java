package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.access.Tokens;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A connection still waiting to send its auth frame holds its place in the per-address limit meanwhile. */
public class AwaitingAuthLimitIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.auth.secret", Tokens.SECRET, "parley.auth.timeout", "3s",
                "parley.connections.per.address", "2"));
    }

    @Test
    void connectionsWaitingForTheirAuthFrameCountAgainstTheAddressLimit() throws InterruptedException {
        try (WsClient first = WsClient.connect(base, "ws/user/alice");
             WsClient second = WsClient.connect(base, "ws/user/bob")) {
            try (WsClient third = WsClient.connect(base, "ws/user/carol?token=" + Tokens.valid("carol"))) {
                assertEquals(1013, third.awaitClose().getCloseCode().getCode(), "two places are held already");
            }
            first.send("{\"type\":\"auth\",\"token\":\"" + Tokens.valid("alice") + "\"}");
            assertEquals("alice", first.next("welcome").getString("user"));
            assertEquals(4401, second.awaitClose().getCloseCode().getCode(), "bob never said who he is");
        }
        WsClient again = Admitted.after(base, "ws/user/carol?token=" + Tokens.valid("carol"));
        assertTrue(again != null, "the places are free again");
        again.close();
    }
}
