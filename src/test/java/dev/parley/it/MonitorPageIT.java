package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The monitor page charts the live ws/monitor feed and shows the node's health. */
public class MonitorPageIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void chartsTheLiveFeed() {
        try (Browser browser = Browser.open();
             WsClient alice = WsClient.connect(base, "ws/room/watched?name=alice")) {
            alice.next("welcome");
            browser.get(base, "monitor.html");
            browser.waitForText(By.cssSelector("#conn .conn-text"), "Live");
            browser.waitForText(By.id("health"), "UP");
            browser.waitUntil("a connection count", d -> !d.findElement(By.id("total-connections")).getText().equals("–"));
            int connections = Integer.parseInt(browser.find(By.id("total-connections")).getText());
            assertTrue(connections >= 2, "the room member and the monitor itself: " + connections);

            for (int i = 0; i < 4; i++) {
                alice.send("{\"text\":\"traffic " + i + "\"}");
                alice.next("message");
            }
            assertEquals(4, browser.findAll(By.cssSelector(".chart svg")).size());
            for (String title : List.of("Connections", "Messages per second", "Heap used")) {
                browser.waitUntil("a line in the chart " + title, Duration.ofSeconds(15), d -> d.findElements(By.cssSelector(".chart"))
                        .stream().filter(chart -> chart.findElement(By.tagName("figcaption")).getText().equals(title))
                        .flatMap(chart -> chart.findElements(By.cssSelector("path.line")).stream())
                        .anyMatch(path -> path.getAttribute("d").contains("L")));
            }
            browser.screenshot("monitor");
            assertEquals(List.of(), browser.cspViolations());
        }
    }
}
