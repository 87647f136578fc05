package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * After the server drops a page's connection, the page reconnects by itself,
 * resumes with {@code since} and shows every message exactly once.
 *
 * <p>How the server is made to drop it: this deployment accepts frames of at
 * most 2048 characters ({@code parley.frame.max}), while the clients allow
 * messages of 4000 code points. The person types a 3000-character message and
 * sends it; the container closes that connection with 1009 (too big), as it
 * would for anyone who sends too much. Its peers see the member leave, which
 * proves the socket is closed on the server's side. Messages sent during the
 * gap reach the page only through the resume.
 */
public class ReconnectPageIT extends ParleyIT {

    private static final String TOO_LARGE = "z".repeat(3000);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.frame.max", "2048"));
    }


    private static String say(WsClient client, String text) {
        client.send("{\"text\":\"" + text + "\"}");
        return client.next("message").getString("id");
    }

    @Test
    void theRoomClientResumesAfterTheServerDropsItAndShowsEveryMessageOnce() {
        try (Browser browser = Browser.open(); WsClient bob = WsClient.connect(base, "ws/room/resume?name=bob")) {
            bob.next("welcome");
            RoomPage alice = RoomPage.join(browser, base, "resume", "alice");
            bob.next("join");
            say(bob, "before-1");
            String lastSeen = say(bob, "before-2");
            alice.awaitMessage("before-2");

            alice.fill(TOO_LARGE);
            browser.find(RoomPage.INPUT).sendKeys(Keys.ENTER);
            assertEquals("alice", bob.next("leave").getString("user"), "the server closed alice's socket");
            for (String text : List.of("missed-1", "missed-2", "missed-3")) {
                say(bob, text);
            }
            browser.waitForText(RoomPage.NOTICES, "Back online: 3 new messages while you were away.");
            assertEquals("alice", bob.next("join").getString("user"));
            say(bob, "after");
            alice.awaitMessage("after");

            assertEquals(List.of("before-1", "before-2", "missed-1", "missed-2", "missed-3", "after"), alice.texts());
            List<String> sockets = browser.webSocketUrls();
            assertEquals(2, sockets.size(), sockets::toString);
            assertTrue(sockets.get(1).endsWith("since=" + lastSeen), "resumed after the last id seen: " + sockets);
            browser.waitForText(RoomPage.ERROR, "too large for the server");
            assertEquals(TOO_LARGE, browser.find(RoomPage.INPUT).getAttribute("value"),
                    "the message that was refused is back in the box");
            browser.waitForText(RoomPage.STATUS, "Connected to resume as alice");
            browser.screenshot("room-reconnected");
        }
    }

    @Test
    void theDirectClientResumesAfterTheServerDropsItAndShowsEveryMessageOnce() {
        try (Browser browser = Browser.open(); WsClient bob = WsClient.connect(base, "ws/user/bob")) {
            bob.next("welcome");
            DirectPage alice = DirectPage.signIn(browser, base, "alice");
            alice.open("bob");
            String lastSeen = dm(bob, "before", "delivered");
            alice.awaitMessage("before");

            alice.fill(TOO_LARGE);
            browser.find(DirectPage.INPUT).sendKeys(Keys.ENTER);
            browser.waitForText(DirectPage.STATUS, "Offline");
            dm(bob, "missed-1", "stored");
            dm(bob, "missed-2", "stored");
            browser.waitForText(DirectPage.NOTE, "2 messages arrived while you were offline.");
            browser.waitForText(DirectPage.STATUS, "Signed in as alice");
            dm(bob, "after", "delivered");
            alice.awaitMessage("after");

            assertEquals(List.of("before", "missed-1", "missed-2", "after"), alice.incomingTexts());
            List<String> sockets = browser.webSocketUrls();
            assertEquals(2, sockets.size(), sockets::toString);
            assertTrue(sockets.get(1).endsWith("since=" + lastSeen), "resumed after the last id seen: " + sockets);
            browser.waitForText(DirectPage.ERROR, "Too large for the server");
            alice.awaitMark(TOO_LARGE, "not sent");
        }
    }

    @Test
    void reconnectsWaitLongerEachTimeWithJitterUpToHalfAMinute() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "room.html");
            Object bounds = browser.scriptAsync("const done = arguments[arguments.length - 1];"
                    + " import(new URL('js/client/index.js', location.href)).then((m) => done([0, 1, 2, 3, 10].map("
                    + "   (attempt) => [m.backoffDelay(attempt, () => 0), m.backoffDelay(attempt, () => 1)])));");
            assertEquals(List.of(List.of(250L, 500L), List.of(500L, 1000L), List.of(1000L, 2000L),
                    List.of(2000L, 4000L), List.of(15000L, 30000L)), bounds,
                    "each attempt waits between half and all of min(30 s, 0.5 s * 2^attempt)");
        }
    }

    /** Bob sends a direct message to alice; returns its id once acknowledged with {@code status}. */
    private static String dm(WsClient bob, String text, String status) {
        bob.send("{\"to\":\"alice\",\"text\":\"" + text + "\",\"ref\":\"" + text + "\"}");
        var ack = bob.next("ack");
        assertEquals(status, ack.getString("status"), "ack of " + text);
        return ack.getString("id");
    }
}
