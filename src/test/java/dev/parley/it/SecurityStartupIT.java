package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.LoopbackUrls;
import dev.parley.testing.ParleyLogs;
import dev.parley.testing.Urls;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a node says about its protection as it starts: the effective security settings in one line, and the
 * warning when authentication is off.
 */
@ExtendWith(ArquillianExtension.class)
public class SecurityStartupIT {
    private static final String DEFAULTS = "parley";
    private static final String API_KEY = "startup-key-5e81d0";

    @Deployment(name = DEFAULTS, managed = false, testable = false)
    public static WebArchive defaults() {
        return Deployments.parley(Map.of("parley.api.key", API_KEY));
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aNodeLogsItsSecuritySettingsAndWarnsThatAuthenticationIsOff() throws Exception {
        try (ParleyLogs logs = ParleyLogs.capture()) {
            deployer.deploy(DEFAULTS);
            try {
                assertEquals(200, status(LoopbackUrls.deployed(DEFAULTS), "health"));
                List<String> lines = awaitLine(logs, "Authentication is off");
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("Parley security: authentication off;")
                        && l.contains("server API key set;") && l.contains("per address")), lines::toString);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("Authentication is off")
                        && l.contains("/ws/user/<name>")), lines::toString);
                assertFalse(lines.stream().anyMatch(l -> l.contains(API_KEY)), "the key never reaches the log");
            } finally {
                deployer.undeploy(DEFAULTS);
            }
        }
    }

    static List<String> awaitLine(ParleyLogs logs, String start) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (logs.lines().stream().noneMatch(l -> l.startsWith(start)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return logs.lines();
    }

    static int status(URL base, String path) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Urls.http(base, path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
