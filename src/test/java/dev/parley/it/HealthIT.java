package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.RawWebSocket.HttpResponse;
import dev.parley.testing.Urls;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code GET /health} answers 200 with {@code "status":"UP"} on the default in-memory broker. */
public class HealthIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @Test
    void isUp() {
        HttpResponse response = RawWebSocket.get(Urls.http(base, "health"));

        assertEquals(200, response.status(), response::statusLine);
        String type = response.header("Content-Type");
        assertNotNull(type, "no Content-Type");
        assertTrue(type.startsWith("application/json"), () -> "Content-Type: " + type);
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", health.getString("status"), health::toString);
    }

    @Test
    void saysWhichNodeVersionAndBroker() {
        JsonObject health = Json.createReader(new StringReader(
                RawWebSocket.get(Urls.http(base, "health")).body())).readObject();
        assertTrue(health.getString("node").startsWith("node-"), health::toString);
        assertTrue(health.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), health::toString);
        assertTrue(health.getJsonNumber("uptimeSeconds").longValue() >= 0);
        JsonObject broker = health.getJsonObject("broker");
        assertEquals("memory", broker.getString("kind"));
        assertEquals("UP", broker.getString("status"));
    }
}
