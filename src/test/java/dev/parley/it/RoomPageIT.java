package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The room client in a real headless Chromium: chatting, presence, history, safe text, the message box. */
public class RoomPageIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void twoPeopleChatAndSeeEachOtherComeAndGo() {
        try (Browser aliceBrowser = Browser.open(); Browser leiBrowser = Browser.open()) {
            RoomPage alice = RoomPage.join(aliceBrowser, base, "lobby", "alice");
            RoomPage lei = RoomPage.join(leiBrowser, base, "lobby", "李雷");

            alice.awaitMembers(List.of("alice", "李雷"));
            aliceBrowser.waitForText(RoomPage.NOTICES, "李雷 joined.");
            assertEquals(List.of("alice", "李雷"), lei.members());

            lei.send("你好 alice, nice to meet you");
            WebElement seen = alice.awaitMessage("你好 alice, nice to meet you");
            assertEquals("李雷", seen.findElement(By.className("from")).getText());
            assertFalse(seen.findElement(By.tagName("time")).getText().isBlank(), "each message shows its time");
            assertFalse(seen.getAttribute("class").contains("mine"));
            assertTrue(lei.awaitMessage("你好 alice, nice to meet you").getAttribute("class").contains("mine"),
                    "one's own messages are set apart");

            WebElement input = aliceBrowser.find(RoomPage.INPUT);
            input.sendKeys("two lines:");
            input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            input.sendKeys("the second one");
            assertEquals("two lines:\nthe second one", input.getAttribute("value"), "Shift+Enter adds a line");
            input.sendKeys(Keys.ENTER);
            lei.awaitMessage("two lines:\nthe second one");
            assertEquals("", input.getAttribute("value"), "Enter sent it and emptied the box");
            lei.send("Shift+Enter for a new line, Enter to send: got it.");
            alice.awaitMessage("Shift+Enter for a new line, Enter to send: got it.");
            aliceBrowser.screenshot("room");

            String word = "w".repeat(600);
            lei.send(word);
            alice.awaitMessage(word);
            assertTrue((Boolean) aliceBrowser.script("const log = document.getElementById('log');"
                    + " return log.scrollWidth <= log.clientWidth;"), "a long word wraps instead of scrolling sideways");

            leiBrowser.find(By.id("leave")).click();
            alice.awaitMembers(List.of("alice"));
            aliceBrowser.waitForText(RoomPage.NOTICES, "李雷 left.");
            assertEquals(List.of(), aliceBrowser.cspViolations());
            assertEquals(List.of(), leiBrowser.cspViolations());
        }
    }

    @Test
    void aJoinerSeesTheHistory() {
        try (WsClient carol = WsClient.connect(base, "ws/room/history?name=carol")) {
            carol.next("welcome");
            carol.send("{\"text\":\"said before you came\"}");
            carol.next("message");
            try (Browser browser = Browser.open()) {
                RoomPage page = RoomPage.join(browser, base, "history", "dave");
                assertEquals(List.of("said before you came"), page.texts());
                assertEquals(List.of("carol", "dave"), page.members());
            }
        }
    }

    @Test
    void hostileTextIsShownAsTextAndRunsNothing() {
        String img = "<img src=x onerror=\"window.pwned = 1; document.title = 'pwned'\">";
        String script = "<script>window.pwned = 2</script><b>bold?</b>";
        try (Browser browser = Browser.open();
             WsClient mallory = WsClient.connect(base, "ws/room/hostile?name=mallory")) {
            mallory.next("welcome");
            RoomPage page = RoomPage.join(browser, base, "hostile", "victim");
            mallory.send("{\"text\":\"" + img.replace("\"", "\\\"") + "\"}");
            mallory.send("{\"text\":\"" + script + "\"}");
            page.awaitMessage(img);
            page.awaitMessage(script);
            assertEquals(0, browser.findAll(By.cssSelector("#log img, #log script, #log b")).size(),
                    "no markup was made from a message");
            assertEquals(null, browser.script("return window.pwned;"));
            assertFalse(browser.driver().getTitle().contains("pwned"));
            assertEquals(List.of(), browser.cspViolations(), "nothing even tried to run");
        }
    }

    @Test
    void theMessageBoxCountsCodePointsAndExplainsRefusals() {
        try (Browser browser = Browser.open()) {
            RoomPage page = RoomPage.join(browser, base, "counter", "erin");
            browser.find(RoomPage.INPUT).sendKeys("李雷 hi");
            assertEquals("5 / 4000", browser.find(RoomPage.COUNTER).getText());

            page.fill("😀".repeat(4000));
            assertEquals("4000 / 4000", browser.find(RoomPage.COUNTER).getText(), "an emoji is one code point");
            page.fill("x".repeat(4001));
            assertEquals("4001 / 4000", browser.find(RoomPage.COUNTER).getText());
            browser.find(RoomPage.INPUT).sendKeys(Keys.ENTER);
            browser.waitForText(RoomPage.ERROR, "Too long");
            assertEquals(4001, ((Long) browser.script("return document.getElementById('text').value.length")).intValue(),
                    "the text stays in the box");

            page.fill("   ");
            browser.find(RoomPage.INPUT).sendKeys(Keys.ENTER);
            browser.waitForText(RoomPage.ERROR, "Write something first");
            assertEquals(List.of(), page.texts(), "nothing was sent");
        }
    }

    @Test
    void joinAndChatByKeyboardAloneThenTheChoiceIsRemembered() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "room.html");
            assertEquals("name", browser.focused().getAttribute("id"), "the name field has the focus");
            browser.focused().sendKeys("frank");
            browser.focused().sendKeys(Keys.TAB);
            browser.focused().sendKeys("keys");
            browser.focused().sendKeys(Keys.ENTER);
            RoomPage page = new RoomPage(browser);
            page.awaitJoined("keys", "frank");
            assertTrue(browser.driver().getCurrentUrl().endsWith("room.html?room=keys&name=frank"),
                    "the address is a link to this room");
            assertEquals("text", browser.focused().getAttribute("id"), "the message box has the focus");
            browser.focused().sendKeys("typed, not clicked" + Keys.ENTER);
            page.awaitMessage("typed, not clicked");

            browser.get(base, "room.html");
            assertEquals("frank", browser.find(By.id("name")).getAttribute("value"));
            assertEquals("keys", browser.find(By.id("room")).getAttribute("value"));
        }
    }
}
