package dev.parley.it;

import dev.parley.testing.Browser;
import dev.parley.testing.Urls;
import java.net.URL;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The direct-message client (direct.html) as a person uses it, for the browser tests. */
final class DirectPage {
    static final By STATUS = By.cssSelector("#conn .conn-text");
    static final By NOTE = By.id("inbox-note");
    static final By PEERS = By.cssSelector("#peers .peer");
    static final By MESSAGES = By.cssSelector("#log .msg");
    static final By INCOMING_TEXTS = By.cssSelector("#log .msg:not(.mine) .text");
    static final By INPUT = By.id("text");
    static final By ERROR = By.id("text-error");

    final Browser browser;

    DirectPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the deep link {@code direct.html?user=U} and waits until signed in. */
    static DirectPage signIn(Browser browser, URL base, String user) {
        browser.get(base, "direct.html?user=" + Urls.encode(user));
        DirectPage page = new DirectPage(browser);
        page.awaitSignedIn(user);
        return page;
    }

    void awaitSignedIn(String user) {
        browser.waitForText(STATUS, "Signed in as " + user);
    }

    /** Starts (or opens) the conversation with {@code peer} through the "To" field. */
    void open(String peer) {
        WebElement to = browser.find(By.id("to"));
        to.sendKeys(peer);
        to.sendKeys(Keys.ENTER);
        browser.waitForText(By.id("peer-heading"), "With " + peer);
    }

    /** Clicks the conversation with {@code peer} in the list. */
    void select(String peer) {
        peerButton(peer).click();
        browser.waitForText(By.id("peer-heading"), "With " + peer);
    }

    void send(String text) {
        WebElement input = browser.find(INPUT);
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    void fill(String text) {
        browser.script("const box = arguments[0]; box.value = arguments[1];"
                + " box.dispatchEvent(new Event('input', {bubbles: true}));", browser.find(INPUT), text);
    }

    WebElement peerButton(String peer) {
        return browser.waitUntil("conversation with " + peer, d -> d.findElements(PEERS).stream()
                .filter(b -> b.getText().split("\\s+")[0].equals(peer)).findFirst().orElse(null));
    }

    /** The unread count shown for {@code peer}, 0 when there is no badge. */
    int unread(String peer) {
        List<WebElement> badges = peerButton(peer).findElements(By.className("badge"));
        return badges.isEmpty() ? 0 : Integer.parseInt(badges.get(0).getText().replaceAll("\\D", ""));
    }

    WebElement awaitMessage(String text) {
        return browser.waitUntil("message \"" + text + "\" in " + browser.driver().getCurrentUrl(),
                d -> d.findElements(MESSAGES).stream()
                        .filter(m -> m.findElement(By.className("text")).getText().equals(text))
                        .findFirst().orElse(null));
    }

    /** Waits until the message's delivery mark says {@code mark} (such as "stored"). */
    void awaitMark(String text, String mark) {
        browser.waitUntil("mark \"" + mark + "\" on \"" + text + "\"", d -> {
            List<WebElement> marks = awaitMessage(text).findElements(By.className("mark"));
            return !marks.isEmpty() && marks.get(0).getText().contains(mark);
        });
    }

    List<String> incomingTexts() {
        return browser.texts(INCOMING_TEXTS);
    }
}
