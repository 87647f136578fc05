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
        return Deployments.parley(Map.of("parley.auth.secret", Tokens.SECRET, "parley.auth.timeout", "1s"));
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
            assertFalse(browser.webSocketUrls().isEmpty());
            assertFalse(browser.webSocketUrls().stream().anyMatch(url -> url.contains("token")),
                    "the token goes in the handshake's header, not the URL: " + browser.webSocketUrls());
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
    void theMonitorTakesTheTokenOutOfTheAddressBarAndConnectsWithIt() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "monitor.html?token=" + Tokens.valid("ops"));
            browser.waitUntil("a stats frame", d -> !browser.find(By.id("node")).getText().isEmpty());
            assertFalse(browser.driver().getCurrentUrl().contains("token="), "the token left the address bar");
            assertFalse(browser.webSocketUrls().stream().anyMatch(url -> url.contains("token")));
        }
    }

    @Test
    void theClientLibraryTakesItsTokenFromAnAsyncHook() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "index.html");
            Object outcome = browser.scriptAsync("const done = arguments[arguments.length - 1]; const token = arguments[0];"
                    + " import(new URL('js/client/index.js', location.href)).then((lib) => {"
                    + "   let asked = 0;"
                    + "   const room = new lib.ParleyRoom('private', { token: async () => { asked++; await null; return token; } });"
                    + "   room.on('welcome', () => { room.stop(); done(room.user + ' after ' + asked + ' question'); });"
                    + "   room.start();"
                    + " }).catch((e) => done('failed: ' + e));", Tokens.valid("dora"));
            assertEquals("dora after 1 question", outcome, "joined as the subject of the token the async hook gave");
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

    @Test
    void theClientLibraryRenewsAShortTokenThroughItsHookBeforeItExpires() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "index.html");
            Object outcome = browser.scriptAsync("const done = arguments[arguments.length - 1];"
                    + " const [short, long] = [arguments[0], arguments[1]];"
                    + " import(new URL('js/client/index.js', location.href)).then((lib) => {"
                    + "   let asked = 0; let refused = false;"
                    + "   const room = new lib.ParleyRoom('private', { token: async () => (++asked === 1 ? short : long) });"
                    + "   room.on('unauthorized', () => { refused = true; });"
                    + "   room.start();"
                    + "   setTimeout(() => { const open = room.isOpen ? 'open' : 'closed'; room.stop();"
                    + "     done(asked + ' tokens, ' + (refused ? 'refused' : 'kept') + ', ' + open); }, 6000);"
                    + " }).catch((e) => done('failed: ' + e));",
                    Tokens.expiringIn("erin", 3), Tokens.expiringIn("erin", 600));
            assertEquals("2 tokens, kept, open", outcome,
                    "the hook was asked again before the first token's exp, and the server took the fresh one");
        }
    }

    @Test
    void aTokenThatExpiresWithoutAHookEndsInSessionExpired() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "room.html?room=private&name=frank&token=" + Tokens.expiringIn("frank", 3));
            browser.waitForText(By.id("join-error"), "Session expired");
            assertEquals(List.of(), browser.cspViolations());
        }
    }
}
