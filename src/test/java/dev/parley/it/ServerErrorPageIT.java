package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** An error frame from the server is explained next to the message box, and the refused text is kept. */
public class ServerErrorPageIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.inbox.size", "1"));
    }

    @Test
    void aFullInboxIsExplainedAndTheTextIsKept() {
        try (Browser browser = Browser.open()) {
            DirectPage alice = DirectPage.signIn(browser, base, "alice");
            alice.open("away");
            alice.send("This one fits.");
            alice.awaitMark("This one fits.", "stored");
            alice.send("This one does not.");
            browser.waitForText(DirectPage.ERROR, "Their inbox is full");
            alice.awaitMark("This one does not.", "not sent");
            assertEquals("This one does not.", browser.find(DirectPage.INPUT).getAttribute("value"),
                    "the refused text is back in the box, to send later");
        }
    }
}
