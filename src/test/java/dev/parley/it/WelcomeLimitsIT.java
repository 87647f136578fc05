package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every welcome names the protocol version and the limits the deployment was given, which are the ones enforced. */
public class WelcomeLimitsIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.text.max", "12", "parley.data.max", "321", "parley.frame.max", "4567",
                "parley.rate.limit", "11", "parley.rate.burst", "13"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/limits?name=alice", "ws/user/limits-alice"})
    void theWelcomeCarriesTheSettingsOfThisDeployment(String path) {
        try (WsClient client = WsClient.connect(base, path)) {
            JsonObject welcome = client.next("welcome");
            assertEquals("1.1", welcome.getString("protocol"), welcome::toString);
            JsonObject limits = welcome.getJsonObject("limits");
            assertEquals(12, limits.getInt("textMax"), welcome::toString);
            assertEquals(321, limits.getInt("dataMax"), welcome::toString);
            assertEquals(4567, limits.getInt("frameMax"), welcome::toString);
            assertEquals(11, limits.getInt("rateLimit"), welcome::toString);
            assertEquals(13, limits.getInt("rateBurst"), welcome::toString);
            assertEquals(5, limits.size(), welcome::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/limits?name=bob", "ws/user/limits-bob"})
    void theAdvertisedTextMaxIsTheOneEnforced(String path) {
        String to = path.contains("user") ? ",\"to\":\"limits-carol\"" : "";
        try (WsClient client = WsClient.connect(base, path)) {
            int textMax = client.next("welcome").getJsonObject("limits").getInt("textMax");
            client.send("{\"text\":\"" + "x".repeat(textMax + 1) + "\",\"ref\":\"long\"" + to + "}");
            assertEquals("too_long", client.next("error").getString("code"));
            client.send("{\"text\":\"" + "x".repeat(textMax) + "\",\"ref\":\"fits\"" + to + "}");
            JsonObject accepted = client.next(path.contains("user") ? "ack" : "message");
            assertEquals("fits", accepted.getString("ref"));
        }
    }
}
