package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Past the presence limit a room sends no join/leave and lists only that many members. */
public class LargeRoomPresenceIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.presence.limit", "3"));
    }


    /** Connects and waits for the welcome, so that joins happen in this order. */
    private WsClient joined(String name) {
        WsClient client = WsClient.connect(base, "ws/room/big?name=" + name);
        client.next("welcome");
        return client;
    }

    @Test
    void aRoomOverTheLimitSendsNoPresenceAndAShortMemberList() {
        try (WsClient a = joined("a");
             WsClient b = joined("b");
             WsClient c = joined("c")) {
            assertEquals("b", a.next("join").getString("user"));
            assertEquals("c", a.next("join").getString("user"), "within the limit, joins are sent");

            try (WsClient d = WsClient.connect(base, "ws/room/big?name=d")) {
                JsonObject welcomeD = d.next("welcome");
                assertEquals(4, welcomeD.getInt("memberCount"), "memberCount is always the total");
                assertEquals(3, welcomeD.getJsonArray("members").size(), "only the limit's worth of members");
                d.send("{\"text\":\"proof of order\"}");
                assertEquals("message", c.next().getString("type"), "no join for the fourth member");
            }
            c.send("{\"text\":\"after d left\"}");
            assertEquals("message", c.next().getString("type"), "no leave while over the limit");
        }
    }
}
