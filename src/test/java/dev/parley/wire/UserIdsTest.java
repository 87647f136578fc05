package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserIdsTest {

    @Test
    void opaqueIdsOfIdentityProvidersAreUserIds() {
        for (String id : new String[] {"alice", "auth0|5f7c8ec7c33c6c004bbafe82", "alice@example.com",
                "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "李雷", "a b", "a".repeat(255), "😀".repeat(255)}) {
            assertTrue(UserIds.isValid(id), id);
        }
    }

    @Test
    void emptyTooLongAndControlCharactersAreNot() {
        for (String id : new String[] {null, "", "a".repeat(256), "al\nice", "al\u0000ice", "\u007f", "\u0085",
                "a\ud800"}) {
            assertFalse(UserIds.isValid(id), String.valueOf(id));
        }
    }
}
