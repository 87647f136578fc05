package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.LoopbackUrls;
import dev.parley.testing.ParleyLogs;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A secret that is present but blank stops the application instead of silently turning authentication off. */
@ExtendWith(ArquillianExtension.class)
public class BlankSecretIT {
    private static final String BLANK_SECRET = "blank-secret";

    @Deployment(name = BLANK_SECRET, managed = false, testable = false)
    public static WebArchive blankSecret() {
        return Deployments.parley(Map.of("parley.auth.secret", "   "));
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aSecretThatIsPresentButBlankStopsTheNodeInsteadOfTurningAuthenticationOff() throws Exception {
        try (ParleyLogs logs = ParleyLogs.capture()) {
            boolean deployed = true;
            try {
                deployer.deploy(BLANK_SECRET);
            } catch (RuntimeException refused) {
                deployed = false; // a container may report the failed start as a failed deployment
            }
            try {
                if (deployed) {
                    assertNotEquals(200, SecurityStartupIT.status(LoopbackUrls.deployed(BLANK_SECRET), "health"),
                            "the application did not start");
                }
                List<String> lines = SecurityStartupIT.awaitLine(logs, "Parley cannot start");
                assertTrue(lines.stream().anyMatch(l -> l.equals("Parley cannot start: parley.auth.secret is set but"
                        + " blank: give it a value, or remove the setting")), lines::toString);
            } finally {
                if (deployed) {
                    deployer.undeploy(BLANK_SECRET);
                }
            }
        }
    }
}
