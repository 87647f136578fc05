package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.HookServer;
import dev.parley.testing.HookServer.Reply;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** With {@code parley.hook.failure=accept}, a message the hook does not judge in time is published as sent. */
public class PublishHookFailureAcceptIT extends ParleyIT {
    private static final HookServer HOOK = HookServer.start(
            call -> Reply.ok("{\"result\":\"refuse\"}").after(Duration.ofSeconds(3)));

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings("parley.hook.url", HOOK.url().toString(),
                "parley.hook.timeout", "500ms", "parley.hook.failure", "accept"));
    }

    @AfterAll
    static void stopHook() {
        HOOK.close();
    }

    @Test
    void aMessageTheHookIsTooSlowForIsPublished() {
        try (WsClient alice = WsClient.connect(base, "ws/room/lenient?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/lenient?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"text\":\"still here\",\"ref\":\"a1\"}");
            assertEquals("still here", bob.next("message").getString("text"));
            JsonObject own = alice.next("message");
            assertEquals("a1", own.getString("ref"));
        }
    }
}
