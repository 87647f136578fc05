package dev.parley.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbesTest {
    private final MemoryBroker broker = new MemoryBroker(10, 10, Duration.ofDays(1), Clock.systemUTC());
    private final Hub hub = Hubs.generous();
    private final Probes probes = new Probes(broker, hub, "node-test", Instant.now().minusSeconds(90));

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private static JsonObject json(Report report) {
        return Json.createReader(new StringReader(JsonbBuilder.create().toJson(report))).readObject();
    }

    @Test
    void liveIsUpAndSaysWhichNode() {
        JsonObject live = json(probes.live());
        assertEquals("UP", live.getString("status"));
        JsonObject node = live.getJsonArray("checks").getJsonObject(0);
        assertEquals(List.of("name", "status", "data"), List.copyOf(node.keySet()), "MicroProfile Health's shape");
        assertEquals("node", node.getString("name"));
        assertEquals("node-test", node.getJsonObject("data").getString("node"));
        assertTrue(node.getJsonObject("data").getJsonNumber("uptimeSeconds").longValue() >= 90);
    }

    @Test
    void readyChecksTheBrokerAndGoesDownWhenTheNodeDrains() {
        JsonObject ready = json(probes.ready());
        assertEquals("UP", ready.getString("status"));
        assertEquals("memory", ready.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("kind"));

        hub.drain();
        Report draining = probes.ready();
        assertFalse(draining.passed());
        JsonObject down = json(draining);
        assertEquals("DOWN", down.getString("status"));
        assertEquals("UP", down.getJsonArray("checks").getJsonObject(0).getString("status"), "the broker is fine");
        JsonObject drain = down.getJsonArray("checks").getJsonObject(1);
        assertEquals("drain", drain.getString("name"));
        assertEquals("DOWN", drain.getString("status"));
        assertTrue(drain.getJsonObject("data").getBoolean("draining"));
    }

    @Test
    void startedIsDownUntilTheApplicationHasStarted() {
        assertEquals("DOWN", json(probes.startup()).getString("status"));
        probes.started();
        JsonObject started = json(probes.startup());
        assertEquals("UP", started.getString("status"));
        Instant at = Instant.parse(started.getJsonArray("checks").getJsonObject(0).getJsonObject("data")
                .getString("startedAt"));
        assertFalse(at.isAfter(Instant.now()));
    }
}
