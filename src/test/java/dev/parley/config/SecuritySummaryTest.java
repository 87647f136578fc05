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
        assertTrue(line.contains("authentication on (HS256 tokens, parley.auth.secret; issuer not checked;"
                + " audience not checked; user claim sub; exp required, lifetime up to 24h; room permissions off)"), line);
        assertTrue(line.contains("origins https://a.example, https://b.example"), line);
        assertTrue(line.contains("server API key set (2 keys)"), line);
        assertFalse(line.contains(SECRET) || line.contains("key-one-9f2") || line.contains("key-two-1c7"), line);
        assertEquals(Optional.empty(), SecuritySummary.warning(config));
    }

    @Test
    void withAJwksUrlTheLineSaysWhereKeysComeFromAndWhatIsChecked() {
        String line = SecuritySummary.line(from(Map.of("PARLEY_AUTH_JWKS", "https://kc.example/certs",
                "PARLEY_AUTH_ISSUER", "https://kc.example/realms/chat", "PARLEY_AUTH_AUDIENCE", "parley",
                "PARLEY_AUTH_ROOMS", "claim")));
        assertTrue(line.contains("authentication on (tokens signed by the keys at https://kc.example/certs; issuer"
                + " https://kc.example/realms/chat; audience parley;"), line);
        assertTrue(line.contains("room permissions from the rooms claim"), line);
    }

    @Test
    void aJwksUrlIsShownWithoutCredentials() {
        String line = SecuritySummary.line(from(Map.of("PARLEY_AUTH_JWKS",
                "https://user:pa55@kc.example:8443/certs?key=s3cret")));
        assertTrue(line.contains("keys at https://kc.example:8443/certs;"), line);
        assertFalse(line.contains("pa55") || line.contains("s3cret"), line);
    }

    @Test
    void withAPemKeyTheLineNeverShowsTheKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";
        String line = SecuritySummary.line(from(Map.of("PARLEY_AUTH_KEY", pem)));
        assertTrue(line.contains("tokens signed by the public key of parley.auth.key"), line);
        assertFalse(line.contains("MFkw"), line);
    }
}
