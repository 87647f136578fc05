package dev.parley.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecuritySummaryTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-summary";

    private static ParleyConfig from(Map<String, String> environment) {
        return ParleyConfig.from(new Settings(name -> null, environment));
    }

    @Test
    void withDefaultsTheLineSaysAuthenticationIsOffAndTheWarningSaysWhatThatExposes() {
        ParleyConfig config = from(Map.of());
        String line = SecuritySummary.line(config);
        assertTrue(line.startsWith("Parley security: authentication off; origins this server's own only;"), line);
        assertTrue(line.contains("server API key not set"), line);
        assertTrue(line.contains("10000 connections, 100 per address, 10 per user, 20 frames/s (burst 40)"), line);
        String warning = SecuritySummary.warning(config).orElseThrow();
        assertTrue(warning.contains("/ws/user/<name>") && warning.contains("parley.auth.secret"), warning);
    }

    @Test
    void withASecretTheLineSaysHowAndNeverShowsTheSecretOrAKey() {
        ParleyConfig config = from(Map.of("PARLEY_AUTH_SECRET", SECRET, "PARLEY_ORIGINS",
                "https://a.example, https://b.example", "PARLEY_API_KEY", "key-one-9f2,key-two-1c7"));
        String line = SecuritySummary.line(config);
        assertTrue(line.contains("authentication on (HS256 tokens, parley.auth.secret)"), line);
        assertTrue(line.contains("origins https://a.example, https://b.example"), line);
        assertTrue(line.contains("server API key set (2 keys)"), line);
        assertFalse(line.contains(SECRET) || line.contains("key-one-9f2") || line.contains("key-two-1c7"), line);
        assertEquals(Optional.empty(), SecuritySummary.warning(config));
    }
}
