package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.RawWebSocket.HttpResponse;
import dev.parley.testing.Urls;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /health/started} answer in MicroProfile Health's shape
 * with Parley's own checks, also on Payara Micro, which has a MicroProfile Health endpoint of its own at the
 * server's root.
 */
public class HealthProbesIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    private static JsonObject json(HttpResponse response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static List<String> checkNames(JsonObject report) {
        return report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "ready", "started"})
    void eachProbeIsUpInMicroProfileHealthsShape(String probe) {
        HttpResponse response = RawWebSocket.get(Urls.http(base, "health/" + probe));
        assertEquals(200, response.status(), response::body);
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.header("Content-Type"));
        assertEquals("no-store", response.header("Cache-Control"));
        JsonObject report = json(response);
        assertEquals(List.of("status", "checks"), List.copyOf(report.keySet()), report::toString);
        assertEquals("UP", report.getString("status"));
        assertFalse(report.getJsonArray("checks").isEmpty(), report::toString);
        for (JsonObject check : report.getJsonArray("checks").getValuesAs(JsonObject.class)) {
            assertEquals(List.of("name", "status", "data"), List.copyOf(check.keySet()), check::toString);
            assertEquals("UP", check.getString("status"), check::toString);
            assertEquals(JsonValue.ValueType.OBJECT, check.get("data").getValueType());
        }
    }

    @Test
    void readinessIsTheBrokerAndTheDrain() {
        JsonObject ready = json(RawWebSocket.get(Urls.http(base, "health/ready")));
        assertEquals(List.of("broker", "drain"), checkNames(ready));
        JsonObject broker = ready.getJsonArray("checks").getJsonObject(0).getJsonObject("data");
        assertEquals("memory", broker.getString("kind"));
        JsonObject drain = ready.getJsonArray("checks").getJsonObject(1).getJsonObject("data");
        assertFalse(drain.getBoolean("draining"));
    }

    @Test
    void livenessNamesTheNode() {
        JsonObject live = json(RawWebSocket.get(Urls.http(base, "health/live")));
        assertEquals(List.of("node"), checkNames(live));
        String node = json(RawWebSocket.get(Urls.http(base, "health"))).getString("node");
        assertEquals(node, live.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("node"),
                "the same node as /health names");
    }

    @Test
    void anUnknownProbeIs404WithAnExplanation() {
        HttpResponse response = RawWebSocket.get(Urls.http(base, "health/alive"));
        assertEquals(404, response.status(), response::body);
        assertTrue(json(response).getString("error").contains("/health/ready"), response::body);
    }

    @Test
    void theProbesUnderTheApplicationAreParleysNotTheServers() throws Exception {
        URL root = Urls.http(base, "/").resolve("/").toURL();
        HttpResponse server = RawWebSocket.get(Urls.http(root, "health/ready"));
        HttpResponse parley = RawWebSocket.get(Urls.http(base, "health/ready"));
        assertTrue(checkNames(json(parley)).contains("broker"), parley::body);
        // Payara Micro answers here with its own MicroProfile Health report; Tomcat has nothing at its root
        assertFalse(server.status() == 200 && server.body().contains("\"broker\""),
                () -> "the server root's /health/ready: " + server.status() + " " + server.body());
    }
}
