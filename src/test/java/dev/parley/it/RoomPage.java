package dev.parley.it;

import dev.parley.testing.Browser;
import dev.parley.testing.Urls;
import java.net.URL;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The room client (room.html) as a person uses it, for the browser tests. */
final class RoomPage {
    static final By STATUS = By.cssSelector("#conn .conn-text");
    static final By MESSAGES = By.cssSelector("#log .msg");
    static final By TEXTS = By.cssSelector("#log .msg .text");
    static final By NOTICES = By.cssSelector("#log .notice");
    static final By MEMBERS = By.cssSelector("#members > li");
    static final By INPUT = By.id("text");
    static final By ERROR = By.id("text-error");
    static final By COUNTER = By.id("text-hint");

    final Browser browser;

    RoomPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the deep link {@code room.html?room=R&name=N} and waits until the room's welcome arrived. */
    static RoomPage join(Browser browser, URL base, String room, String name) {
        browser.get(base, "room.html?room=" + Urls.encode(room) + "&name=" + Urls.encode(name));
        RoomPage page = new RoomPage(browser);
        page.awaitJoined(room, name);
        return page;
    }

    void awaitJoined(String room, String name) {
        browser.waitForText(NOTICES, "You joined " + room + " as " + name);
        browser.waitForText(STATUS, "Connected to " + room + " as " + name);
    }

    /** Types {@code text} into the message box and presses Enter. */
    void send(String text) {
        WebElement input = browser.find(INPUT);
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** Puts {@code text} into the message box as if typed (quicker than keys for long texts). */
    void fill(String text) {
        browser.script("const box = arguments[0]; box.value = arguments[1];"
                + " box.dispatchEvent(new Event('input', {bubbles: true}));", browser.find(INPUT), text);
    }

    List<String> texts() {
        return browser.texts(TEXTS);
    }

    List<String> members() {
        return browser.findAll(MEMBERS).stream()
                .map(li -> li.getText().replaceFirst("\\s*you$", "")).toList();
    }

    WebElement awaitMessage(String text) {
        return browser.waitUntil("message \"" + text + "\" in " + browser.driver().getCurrentUrl(),
                d -> d.findElements(MESSAGES).stream()
                        .filter(m -> m.findElement(By.className("text")).getText().equals(text))
                        .findFirst().orElse(null));
    }

    void awaitMembers(List<String> expected) {
        browser.waitUntil("members " + expected, d -> members().equals(expected));
    }
}
