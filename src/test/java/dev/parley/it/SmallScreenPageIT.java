package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** On a 360 px wide phone no page scrolls sideways, even with the longest names; dark mode follows the system. */
public class SmallScreenPageIT extends ParleyIT {

    private static final int WIDTH = 360;
    private static final String LONGEST = "abcdefghijklmnopqrstuvwxyz012345";
    private static final String LONG_TEXT = "A long message that goes on and on. ".repeat(12) + "x".repeat(300);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }


    private static void assertNoSidewaysScroll(Browser browser, String what) {
        long scrollWidth = (Long) browser.script("return document.documentElement.scrollWidth");
        assertTrue(scrollWidth <= WIDTH, what + " is " + scrollWidth + " px wide at " + WIDTH + " px");
    }

    @Test
    void theLandingAndMonitorPagesFit() {
        try (Browser browser = Browser.open(WIDTH, 740)) {
            browser.get(base, "");
            browser.waitForText(By.id("health"), "UP");
            assertNoSidewaysScroll(browser, "index.html");
            browser.get(base, "monitor.html");
            browser.waitUntil("the charts", d -> d.findElements(By.cssSelector(".chart svg")).size() == 4);
            assertNoSidewaysScroll(browser, "monitor.html");
            browser.screenshot("monitor-360");
        }
    }

    @Test
    void theRoomClientFitsWithLongNamesAndText() {
        try (Browser browser = Browser.open(WIDTH, 740)) {
            browser.get(base, "room.html");
            assertNoSidewaysScroll(browser, "the join form");
            RoomPage page = RoomPage.join(browser, base, LONGEST, LONGEST);
            page.fill(LONG_TEXT);
            browser.find(RoomPage.INPUT).submit();
            page.awaitMessage(LONG_TEXT);
            page.send("李雷 says hi 👋".replace("👋", "!"));
            page.awaitMessage("李雷 says hi !");
            assertNoSidewaysScroll(browser, "room.html");
            browser.screenshot("room-360");
        }
    }

    @Test
    void theDirectClientFitsWithLongNamesAndText() {
        try (Browser browser = Browser.open(WIDTH, 740)) {
            browser.get(base, "direct.html");
            assertNoSidewaysScroll(browser, "the sign-in form");
            DirectPage page = DirectPage.signIn(browser, base, LONGEST);
            page.open(LONGEST.toUpperCase());
            page.fill(LONG_TEXT);
            browser.find(DirectPage.INPUT).submit();
            page.awaitMark(LONG_TEXT, "stored");
            assertNoSidewaysScroll(browser, "direct.html");
            browser.screenshot("direct-360");
        }
    }

    @Test
    void theColorsFollowTheSystemsDarkMode() {
        try (Browser browser = Browser.open()) {
            browser.emulateColorScheme("dark");
            RoomPage page = RoomPage.join(browser, base, "dark", "owl");
            page.send("Easy on the eyes at night.");
            page.awaitMessage("Easy on the eyes at night.");
            assertEquals("rgb(18, 19, 22)", browser.script("return getComputedStyle(document.body).backgroundColor"));
            browser.screenshot("room-dark");
            browser.emulateColorScheme("light");
            assertEquals("rgb(246, 247, 249)", browser.script("return getComputedStyle(document.body).backgroundColor"));
        }
    }
}
