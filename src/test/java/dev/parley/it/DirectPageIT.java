package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The direct-message client in a real headless Chromium: offline inbox, unread counts, acks, tabs in step. */
public class DirectPageIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void aMessageToAnOfflineUserAppearsWhenTheySignIn() {
        try (Browser aliceBrowser = Browser.open(); Browser bobBrowser = Browser.open()) {
            DirectPage alice = DirectPage.signIn(aliceBrowser, base, "alice");
            assertEquals("To", aliceBrowser.find(By.cssSelector("label[for=to]")).getText());
            alice.open("bob");
            alice.send("Are you there, Bob?");
            alice.awaitMark("Are you there, Bob?", "stored");
            alice.send("Call me when you are back.");
            alice.awaitMark("Call me when you are back.", "stored");

            DirectPage bob = DirectPage.signIn(bobBrowser, base, "bob");
            bobBrowser.waitForText(DirectPage.NOTE, "2 messages waited for you.");
            bobBrowser.waitUntil("2 unread from alice", d -> bob.unread("alice") == 2);
            assertTrue(bobBrowser.driver().getTitle().startsWith("(2) "), bobBrowser.driver().getTitle());
            bob.select("alice");
            assertEquals(List.of("Are you there, Bob?", "Call me when you are back."), bob.incomingTexts());
            assertEquals(0, bob.unread("alice"), "reading a conversation clears its count");

            bob.send("Back now. 你好!");
            bob.awaitMark("Back now. 你好!", "delivered");
            alice.awaitMessage("Back now. 你好!");
            aliceBrowser.screenshot("direct");
            assertEquals(List.of(), aliceBrowser.cspViolations());
            assertEquals(List.of(), bobBrowser.cspViolations());
        }
    }

    @Test
    void theTabsOfOneUserStayInStep() {
        try (Browser browser = Browser.open()) {
            DirectPage page = DirectPage.signIn(browser, base, "carol");
            String first = browser.driver().getWindowHandle();
            String second = browser.newTab();
            DirectPage.signIn(browser, base, "carol");

            browser.switchTo(first);
            page.open("李雷");
            page.send("Sent from the first tab");
            page.awaitMark("Sent from the first tab", "stored");

            browser.switchTo(second);
            page.select("李雷");
            page.awaitMark("Sent from the first tab", "stored");

            try (WsClient lei = WsClient.connect(base, "ws/user/李雷")) {
                assertEquals(1, lei.next("welcome").getInt("pending"));
                assertEquals("Sent from the first tab", lei.next("message").getString("text"));
                lei.send("{\"to\":\"carol\",\"text\":\"Hello to every tab\",\"ref\":\"x\"}");
                assertEquals("delivered", lei.next("ack").getString("status"));
            }
            page.awaitMessage("Hello to every tab");
            browser.switchTo(first);
            page.awaitMessage("Hello to every tab");

            browser.newTab();
            DirectPage.signIn(browser, base, "carol");
            page.select("李雷");
            page.awaitMessage("Sent from the first tab");
            page.awaitMessage("Hello to every tab");
            assertEquals(List.of("Hello to every tab"), page.incomingTexts(), "a new tab catches up once");
            assertEquals(List.of(), browser.cspViolations());
        }
    }
}
