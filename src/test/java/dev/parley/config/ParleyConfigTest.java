package dev.parley.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParleyConfigTest {

    private static ParleyConfig from(Map<String, String> environment) {
        return ParleyConfig.from(new Settings(name -> null, environment));
    }

    @Test
    void defaults() {
        ParleyConfig config = from(Map.of());
        assertEquals(100, config.historySize());
        assertEquals(1000, config.inboxSize());
        assertEquals(Duration.ofDays(30), config.inboxRetention());
        assertEquals(65_536, config.maxFrameBytes());
        assertEquals(4000, config.maxTextLength());
        assertEquals(8192, config.maxDataBytes());
        assertEquals(500, config.presenceLimit());
        assertEquals(Duration.ZERO, config.drain(), "no drain unless asked for");
        assertEquals("memory", config.broker());
        assertTrue(config.outboxFrames() > 0);
        assertTrue(config.outboxBytes() > 0);
        assertTrue(config.node().startsWith("node-"), config.node());
    }

    @Test
    void readsEachSettingUnderItsName() {
        ParleyConfig config = from(Map.of(
                "PARLEY_NODE", "n1",
                "PARLEY_BROKER", "redis://cache:6379",
                "PARLEY_HISTORY_SIZE", "7",
                "PARLEY_INBOX_SIZE", "8",
                "PARLEY_INBOX_RETENTION", "12h",
                "PARLEY_FRAME_MAX", "1024",
                "PARLEY_TEXT_MAX", "10",
                "PARLEY_OUTBOX_FRAMES", "11",
                "PARLEY_OUTBOX_BYTES", "4096",
                "PARLEY_PRESENCE_LIMIT", "3"));
        assertEquals(new ParleyConfig("n1", "redis://cache:6379", 7, 8, Duration.ofHours(12), 1024, 10, 8192, 11, 4096, 3,
                Duration.ofSeconds(5), java.util.List.of(), dev.parley.access.AuthConfig.OFF, 20, 40, 20, 10_000, 100,
                10, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ZERO, java.util.List.of(), 200, 400,
                Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofDays(7), 100_000, 1_000_000,
                Duration.ofSeconds(15), Duration.ofSeconds(5)),
                config);
        assertEquals(Duration.ofSeconds(5), from(Map.of("PARLEY_DRAIN", "5s")).drain());
        assertEquals(3, from(Map.of("PARLEY_CONNECTIONS_PER_USER", "3")).maxPerUser());
        assertEquals(512, from(Map.of("PARLEY_DATA_MAX", "512")).maxDataBytes());
        assertEquals(java.util.List.of("old", "new"), from(Map.of("PARLEY_API_KEY", "old, new")).apiKeys());
        assertEquals(Duration.ofSeconds(30), from(Map.of("PARLEY_API_IDEMPOTENCY_TTL", "30s")).apiIdempotencyTtl());
        assertEquals(5, from(Map.of("PARLEY_API_RATE", "5")).apiRate());
        assertEquals(Duration.ofMillis(1500), from(Map.of("PARLEY_AUTH_TIMEOUT", "1500ms")).authTimeout());
        ParleyConfig broker = from(Map.of("PARLEY_HISTORY_TTL", "1h", "PARLEY_ROOMS_MAX", "50", "PARLEY_USERS_MAX",
                "60", "PARLEY_BROKER_LEASE", "1s", "PARLEY_BROKER_HEARTBEAT", "300ms", "PARLEY_NODE", "n2"));
        assertEquals(new dev.parley.broker.BrokerSettings(100, 1000, Duration.ofDays(30), Duration.ofHours(1), 50, 60,
                "n2", Duration.ofSeconds(1), Duration.ofMillis(300)), broker.brokerSettings());
    }

    @Test
    void aBadValueStopsWithTheSettingsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("PARLEY_HISTORY_SIZE", "lots")));
        assertTrue(e.getMessage().contains("parley.history.size"), e.getMessage());
    }

    @Test
    void aHistoryTtlOfZeroIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("PARLEY_HISTORY_TTL", "0")));
        assertTrue(e.getMessage().contains("parley.history.ttl"), e.getMessage());
        assertEquals(Duration.ofHours(12), from(Map.of("PARLEY_HISTORY_TTL", "12h")).historyTtl());
    }
}
