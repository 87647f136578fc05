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

/** One identity holds at most parley.connections.per.user connections, whatever endpoints they are on. */
public class PerUserLimitIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.auth.secret", Tokens.SECRET, "parley.connections.per.user", "2"));
    }

    @Test
    void theThirdConnectionOfOneUserIsRefusedWith1013AndOthersAreNotAffected() throws InterruptedException {
        String alice = Tokens.valid("alice");
        try (WsClient direct = WsClient.connect(base, "ws/user/alice?token=" + alice);
             WsClient room = WsClient.connect(base, "ws/room/lobby?token=" + alice)) {
            direct.next("welcome");
            room.next("welcome");
            try (WsClient third = WsClient.connect(base, "ws/room/other?token=" + alice)) {
                assertEquals(1013, third.awaitClose().getCloseCode().getCode());
            }
            try (WsClient bob = WsClient.connect(base, "ws/user/bob?token=" + Tokens.valid("bob"))) {
                assertEquals("bob", bob.next("welcome").getString("user"));
            }
            room.send("{\"text\":\"still here\"}");
            assertEquals("still here", room.next("message").getString("text"), "alice's open ones are untouched");
        }
        WsClient again = Admitted.after(base, "ws/room/other?token=" + alice);
        assertTrue(again != null, "once alice's connections are closed she may connect again");
        again.close();
    }
}
