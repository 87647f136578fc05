package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.RawWebSocket.HttpResponse;
import dev.parley.testing.Urls;
import dev.parley.web.SecurityHeadersFilter;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

/**
 * The static pages come with a strict Content-Security-Policy, and run under
 * it in a real Chromium: no violation, WebSockets to the page's own server
 * allowed by {@code connect-src 'self'}, and inline script refused.
 */
public class SecurityHeadersPageIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @ParameterizedTest
    @CsvSource({
        "'', text/html", "index.html, text/html", "room.html, text/html", "direct.html, text/html",
        "monitor.html, text/html", "parley.css, text/css", "js/room.js, text/javascript",
        "favicon.svg, image/svg+xml"})
    void staticFilesComeWithTheSecurityHeaders(String path, String type) {
        HttpResponse response = RawWebSocket.get(Urls.http(base, path));
        assertEquals(200, response.status(), response::statusLine);
        assertTrue(response.header("Content-Type").startsWith(type), response.header("Content-Type"));
        assertEquals(SecurityHeadersFilter.CONTENT_SECURITY_POLICY, response.header("Content-Security-Policy"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("no-referrer", response.header("Referrer-Policy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "room.html", "direct.html"})
    void pagesRunUnderThePolicyWithoutAViolationOrAnError(String page) {
        try (Browser browser = Browser.open()) {
            browser.get(base, page);
            browser.waitUntil("the page's module ran", d -> !d.findElements(By.cssSelector("[data-state]")).isEmpty());
            assertEquals(List.of(), browser.cspViolations());
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void theHealthShowsOnTheLandingPage() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "");
            browser.waitForText(By.id("health"), "UP");
            assertEquals("up", browser.find(By.id("health")).getAttribute("data-state"));
            browser.screenshot("index");
        }
    }

    @Test
    void webSocketsToTheOwnServerAreAllowedAndInlineScriptIsNot() {
        try (Browser browser = Browser.open()) {
            RoomPage.join(browser, base, "csp", "alice");
            assertEquals(List.of(), browser.cspViolations(), "connect-src 'self' admitted ws://");

            browser.script("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true';"
                    + " document.body.append(s);");
            assertEquals(null, browser.script("return window.inlineRan;"), "inline script was refused");
            browser.waitUntil("the refusal reported", d -> !browser.cspViolations().isEmpty());
            assertTrue(browser.cspViolations().get(0).contains("script-src"), browser.cspViolations()::toString);
        }
    }
}
