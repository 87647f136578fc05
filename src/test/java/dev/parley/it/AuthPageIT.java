package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.access.Tokens;
import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** With authentication on, the clients pass the page's ?token= on, and say so when there is none. */
public class AuthPageIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.auth.secret", Tokens.SECRET));
    }

    @Test
    void theRoomClientJoinsAsTheTokensSubjectAndKeepsItOverAReload() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "room.html?room=private&name=whoever&token=" + Tokens.valid("alice"));
            RoomPage page = new RoomPage(browser);
            page.awaitJoined("private", "alice");
            assertFalse(browser.driver().getCurrentUrl().contains("token="), "the token left the address bar");
            browser.driver().navigate().refresh();
            page.awaitJoined("private", "alice");
        }
    }

    @Test
    void theDirectClientSignsInWithAToken() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "direct.html?user=bob&token=" + Tokens.valid("bob"));
            new DirectPage(browser).awaitSignedIn("bob");
        }
    }

    @Test
    void withoutATokenThePageSaysWhatIsNeededAndStopsRetrying() throws InterruptedException {
        try (Browser browser = Browser.open()) {
            browser.get(base, "room.html?room=private&name=carol");
            browser.waitForText(By.id("join-error"), "requires sign-in");
            browser.waitForText(RoomPage.STATUS, "authentication is required");
            Thread.sleep(1500); // three times the longest first reconnect delay
            assertEquals(1, browser.webSocketUrls().size(), "a refused token is not retried");
            assertEquals(List.of(), browser.cspViolations());
        }
    }
}
