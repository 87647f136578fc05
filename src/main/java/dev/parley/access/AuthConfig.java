package dev.parley.access;

import java.net.URI;
import java.time.Duration;

/**
 * How handshakes are authenticated: by at most one of an HS256 secret, a PEM public key or a JWKS URL, and
 * what a token must hold to be accepted.
 *
 * @param secret        the HS256 secret, or null
 * @param key           a PEM public key, or the path of a file holding one; or null
 * @param jwks          the URL of a JSON Web Key Set, or null
 * @param jwksCache     how long keys fetched from {@code jwks} are kept before they are fetched again
 * @param issuer        the {@code iss} a token must carry, or null for any
 * @param audience      a value the token's {@code aud} must contain, or null for any
 * @param userClaim     the claim that names the user
 * @param nameClaim     the claim with the user's display name in rooms
 * @param expRequired   whether a token without {@code exp} is refused
 * @param maxLifetime   the longest a token may be valid ({@code exp} minus {@code iat}, or minus now); zero for no limit
 * @param roomsFromClaim whether the {@code rooms} and {@code publish} claims decide where a user may join and speak
 */
public record AuthConfig(String secret, String key, String jwks, Duration jwksCache, String issuer, String audience,
                         String userClaim, String nameClaim, boolean expRequired, Duration maxLifetime,
                         boolean roomsFromClaim) {
    public static final AuthConfig OFF = new AuthConfig(null, null, null, Duration.ofMinutes(5), null, null, "sub",
            "name", true, Duration.ofHours(24), false);

    public AuthConfig {
        int sources = (secret == null ? 0 : 1) + (key == null ? 0 : 1) + (jwks == null ? 0 : 1);
        if (sources > 1) {
            throw new IllegalArgumentException(
                    "set only one of parley.auth.secret, parley.auth.key and parley.auth.jwks");
        }
    }

    /** The same settings with HS256 tokens signed by {@code secret}. */
    public static AuthConfig secret(String secret) {
        return OFF.withSecret(secret);
    }

    public AuthConfig withSecret(String secret) {
        return new AuthConfig(secret, key, jwks, jwksCache, issuer, audience, userClaim, nameClaim, expRequired,
                maxLifetime, roomsFromClaim);
    }

    /** Whether tokens are asked for at all. */
    public boolean enabled() {
        return secret != null || key != null || jwks != null;
    }

    /** How tokens are checked, for the start-up line: never the secret or the key. */
    public String describe() {
        if (!enabled()) {
            return "off";
        }
        String how = secret != null ? "HS256 tokens, parley.auth.secret"
                : key != null ? "tokens signed by the public key of parley.auth.key"
                : "tokens signed by the keys at " + withoutCredentials(jwks);
        return "on (" + how + "; issuer " + (issuer == null ? "not checked" : issuer)
                + "; audience " + (audience == null ? "not checked" : audience)
                + "; user claim " + userClaim + "; exp " + (expRequired ? "required" : "optional")
                + (maxLifetime.isZero() ? "" : ", lifetime up to " + spelled(maxLifetime))
                + "; room permissions " + (roomsFromClaim ? "from the rooms claim" : "off") + ")";
    }

    /** The URL without user info or query, which could hold a credential. */
    private static String withoutCredentials(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + u.getRawPath();
        } catch (IllegalArgumentException e) {
            return "(a URL that does not parse)";
        }
    }

    /** As the settings spell it: {@code 24h}, {@code 90m}, {@code 45s}. */
    private static String spelled(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
