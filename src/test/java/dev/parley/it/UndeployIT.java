package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.LoopbackUrls;
import dev.parley.testing.ParleyLogs;
import dev.parley.testing.WsClient;
import java.net.URL;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying Parley tells every client to reconnect (1001), stops its threads and timers, and a new
 * deployment starts with fresh metrics. Embedded Tomcat runs in this JVM, so there its threads are visible
 * here too; on Payara Micro (another JVM, started and stopped with each deployment) they are not.
 */
@ExtendWith(ArquillianExtension.class)
public class UndeployIT {
    private static final String NAME = "parley";

    @Deployment(name = NAME, managed = false, testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @ArquillianResource
    Deployer deployer;

    private static URL base() {
        return LoopbackUrls.deployed(NAME);
    }

    private static Set<String> parleyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith("parley-"))
                .collect(Collectors.toSet());
    }

    @Test
    void undeployCloses1001AndLeavesNothingRunning() throws Exception {
        deployer.deploy(NAME);
        URL base = base();
        WsClient monitor = WsClient.connect(base, "ws/monitor");
        WsClient member = WsClient.connect(base, "ws/room/undeploy?name=alice");
        WsClient doomed = WsClient.connect(base, "ws/room/not valid");
        monitor.next("stats");
        member.next("welcome");
        member.send("{\"text\":\"counted\"}");
        member.next("message");
        assertEquals(4400, doomed.awaitClose().getCloseCode().getCode());
        assertTrue(Scrape.of(base).sum("parley_frames_in_total", "type=\"message\"") >= 1);
        if (ParleyLogs.SAME_JVM) { // Parley's threads are visible here
            assertFalse(parleyThreads().isEmpty(), "the node's scheduler and closer run while deployed");
        }

        deployer.undeploy(NAME);
        assertEquals(1001, member.awaitClose().getCloseCode().getCode());
        assertEquals(1001, monitor.awaitClose().getCloseCode().getCode());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!parleyThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(Set.of(), parleyThreads(), "threads left behind after undeploy");

        deployer.deploy(NAME);
        try {
            Scrape fresh = Scrape.of(base());
            assertEquals(0, fresh.sum("parley_frames_in_total"), "a new deployment counts from zero");
            assertEquals(0, fresh.sum("parley_connections"));
        } finally {
            deployer.undeploy(NAME);
        }
    }
}
