package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void withoutKeysEveryCallIsAdmitted() {
        ApiKeys keys = new ApiKeys(List.of());
        assertFalse(keys.required());
        assertTrue(keys.admits(null));
        assertTrue(keys.admits("Bearer anything"));
    }

    @Test
    void eachConfiguredKeyIsAdmittedForRotation() {
        ApiKeys keys = new ApiKeys(List.of("old-key", "new-key"));
        assertTrue(keys.required());
        assertTrue(keys.admits("Bearer old-key"));
        assertTrue(keys.admits("Bearer new-key"));
        assertTrue(keys.admits("bearer new-key"), "the scheme is case-insensitive");
    }

    @Test
    void keyOfSaysWhichKeyACallCarries() {
        ApiKeys keys = new ApiKeys(List.of("old-key", "new-key"));
        assertEquals(0, keys.keyOf("Bearer old-key"));
        assertEquals(1, keys.keyOf("Bearer  new-key "));
        assertEquals(-1, keys.keyOf("Bearer other"));
        assertEquals(-1, keys.keyOf(null));
    }

    @Test
    void anythingElseIsRefused() {
        ApiKeys keys = new ApiKeys(List.of("secret"));
        assertFalse(keys.admits(null));
        assertFalse(keys.admits(""));
        assertFalse(keys.admits("secret"), "the Bearer scheme is required");
        assertFalse(keys.admits("Basic c2VjcmV0"));
        assertFalse(keys.admits("Bearer "));
        assertFalse(keys.admits("Bearer secret2"));
        assertFalse(keys.admits("Bearer secre"));
        assertFalse(keys.admits("Bearer SECRET"), "keys are case-sensitive");
    }
}
