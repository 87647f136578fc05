package dev.parley.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The keys the API accepts as {@code Authorization: Bearer <key>}; several, so a key can be rotated. With
 * none configured, no key is asked for.
 */
final class ApiKeys {
    private static final String BEARER = "Bearer ";

    /** SHA-256 of each key: digests of equal length, so the comparison's time says nothing about a key. */
    private final List<byte[]> digests;

    ApiKeys(List<String> keys) {
        this.digests = keys.stream().map(ApiKeys::digest).toList();
    }

    boolean required() {
        return !digests.isEmpty();
    }

    /** Whether an {@code Authorization} header (or null) carries one of the keys, or none is required. */
    boolean admits(String authorization) {
        return !required() || keyOf(authorization) >= 0;
    }

    /**
     * Which key an {@code Authorization} header (or null) carries: its place in the setting, or -1. Every
     * key is compared, whichever matches.
     */
    int keyOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return -1;
        }
        byte[] given = digest(authorization.substring(BEARER.length()).strip());
        int match = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), given)) {
                match = i;
            }
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
