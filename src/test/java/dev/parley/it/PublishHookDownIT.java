package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.HookServer;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A publish hook nobody listens at: every client message is refused as unavailable, and reaches nobody. */
public class PublishHookDownIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings("parley.hook.url", HookServer.nowhere().toString()));
    }

    @Test
    void aMessageIsRefusedAsUnavailableWhenTheHookCannotBeReached() {
        try (WsClient alice = WsClient.connect(base, "ws/room/down?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/down?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"text\":\"hello?\",\"ref\":\"h1\"}");
            JsonObject error = alice.next("error");
            assertEquals("unavailable", error.getString("code"));
            assertEquals("h1", error.getString("ref"));

            HttpResponse<String> posted = new ApiCalls(base, null).post("api/rooms/down/messages",
                    "{\"text\":\"from the backend\",\"from\":\"ci\"}");
            assertEquals(201, posted.statusCode(), posted::body);
            JsonObject first = bob.next();
            assertEquals("from the backend", first.getString("text", null),
                    "bob's first frame after his welcome is the API's message: " + first);
        }
    }

    @Test
    void aDirectMessageIsRefusedAsUnavailableToo() {
        try (WsClient alice = WsClient.connect(base, "ws/user/alice")) {
            alice.next("welcome");
            alice.send("{\"to\":\"bob\",\"text\":\"hello?\",\"ref\":\"h2\"}");
            JsonObject error = alice.next("error");
            assertEquals("unavailable", error.getString("code"));
            assertEquals("h2", error.getString("ref"));
        }
        try (WsClient bob = WsClient.connect(base, "ws/user/bob")) {
            assertEquals(0, bob.next("welcome").getInt("pending"), "nothing was stored for bob");
        }
    }
}
