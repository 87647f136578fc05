package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A backend posts through the server API, and a person with the room page open sees it like any message. */
public class ServerApiPageIT extends ParleyIT {
    private static final String KEY = "page-test-key-7f3a9c";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.api.key", KEY));
    }

    @Test
    void aMessagePostedThroughTheApiAppearsInAnOpenRoomPage() {
        try (Browser browser = Browser.open()) {
            RoomPage alice = RoomPage.join(browser, base, "ci", "alice");
            alice.send("is the build done?");
            alice.awaitMessage("is the build done?");

            HttpResponse<String> posted = new ApiCalls(base, KEY).post("api/rooms/ci/messages",
                    "{\"text\":\"build 812 passed: <b>all green</b>\",\"from\":\"ci-bot\"}");
            assertEquals(201, posted.statusCode(), posted::body);

            WebElement seen = alice.awaitMessage("build 812 passed: <b>all green</b>");
            assertEquals("ci-bot", seen.findElement(By.className("from")).getText());
            assertFalse(seen.getAttribute("class").contains("mine"), "the bot's message is not alice's own");
            assertEquals(List.of(), seen.findElements(By.tagName("b")), "the text is shown as text, not as markup");
            assertEquals(List.of("is the build done?", "build 812 passed: <b>all green</b>"), alice.texts());
            assertEquals(List.of("alice"), alice.members(), "the API posts without joining the room");
            assertEquals(List.of(), browser.cspViolations());
        }
    }
}
