package dev.parley.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy sameOrigin = new OriginPolicy(List.of());

    @Test
    void byDefaultOnlyTheServersOwnOriginIsAllowed() {
        assertTrue(sameOrigin.allows("http://localhost:8080", "http", "localhost:8080"));
        assertTrue(sameOrigin.allows("https://chat.example.com", "https", "chat.example.com"));
        assertTrue(sameOrigin.allows("https://chat.example.com:443", "https", "Chat.Example.com"));
        assertFalse(sameOrigin.allows("http://evil.example", "http", "localhost:8080"));
        assertFalse(sameOrigin.allows("http://localhost:9090", "http", "localhost:8080"));
        assertFalse(sameOrigin.allows("https://localhost:8080", "http", "localhost:8080"));
        assertFalse(sameOrigin.allows("null", "http", "localhost:8080"));
    }

    @Test
    void aClientWithoutOriginIsAllowed() {
        assertTrue(sameOrigin.allows(null, "http", "localhost:8080"));
        assertTrue(new OriginPolicy(List.of("https://a.example")).allows(null, "http", "x"));
    }

    @Test
    void aConfiguredListReplacesTheDefault() {
        OriginPolicy listed = new OriginPolicy(List.of("https://app.example.com", "http://localhost:3000/"));
        assertTrue(listed.allows("https://app.example.com", "http", "chat.internal:8080"));
        assertTrue(listed.allows("http://localhost:3000", "http", "chat.internal:8080"));
        assertFalse(listed.allows("http://chat.internal:8080", "http", "chat.internal:8080"), "not even the server's own");
        assertFalse(listed.allows("https://app.example.com.evil.example", "http", "x"));
    }
}
