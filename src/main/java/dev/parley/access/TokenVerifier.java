package dev.parley.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.parley.wire.Names;
import dev.parley.wire.UserIds;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a JWT with Nimbus JOSE and answers the identity it proves. The algorithms accepted follow the key:
 * HS256 with a secret; with a public key (PEM or JWKS) the RSA, RSA-PSS or EC algorithms of its type, so
 * {@code alg: none} and HS with a public key are refused. {@code iss} and {@code aud} are checked when set,
 * {@code exp} and {@code nbf} with a small clock skew. Every refusal is an {@link AccessDenied} with a
 * fixed reason: nothing from the token reaches a log.
 */
public final class TokenVerifier {
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** Access tokens of some providers say so in {@code typ}. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final AuthConfig config;
    private final Clock clock;

    /** @throws IllegalArgumentException when the secret, key or URL cannot be used */
    public TokenVerifier(AuthConfig config, Clock clock) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("no secret, key or JWKS URL to check tokens with");
        }
        this.config = config;
        this.clock = clock;
        processor.setJWSTypeVerifier(TYPES);
        processor.setJWSKeySelector(keySelector(config));
        Set<String> required = new HashSet<>(Set.of(config.userClaim()));
        if (config.expRequired()) {
            required.add("exp");
        }
        JWTClaimsSet exact = config.issuer() == null ? new JWTClaimsSet.Builder().build()
                : new JWTClaimsSet.Builder().issuer(config.issuer()).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                // a set that may be asked whether it holds null: older Nimbus versions do ask
                config.audience() == null ? null : Collections.singleton(config.audience()), exact, required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(TokenVerifier.this.clock.instant());
            }
        };
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The identity the token proves; {@link AccessDenied} when it is missing or refused. */
    public Identity verify(String token) {
        if (token == null || token.isEmpty()) {
            throw new AccessDenied("no token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new AccessDenied("not a signed token");
        } catch (BadJWSException e) {
            throw new AccessDenied("bad signature");
        } catch (BadJWTException e) {
            throw new AccessDenied(claimsRefusal(e.getMessage()));
        } catch (BadJOSEException e) {
            // alg none, an algorithm the key does not allow, or no key with the token's kid
            throw new AccessDenied("algorithm or key not accepted");
        } catch (KeySourceException e) {
            throw new AccessDenied("keys unavailable");
        } catch (JOSEException e) {
            throw new AccessDenied("not verifiable");
        }
        return identity(claims);
    }

    private Identity identity(JWTClaimsSet claims) {
        Instant exp = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
        if (exp != null && !config.maxLifetime().isZero()) {
            Instant from = claims.getIssueTime() == null ? clock.instant() : claims.getIssueTime().toInstant();
            if (Duration.between(from, exp).compareTo(config.maxLifetime()) > 0) {
                throw new AccessDenied("lifetime longer than parley.auth.max.lifetime");
            }
        }
        String user = text(claims, config.userClaim());
        if (!UserIds.isValid(user)) {
            throw new AccessDenied("no valid user claim");
        }
        String name = text(claims, config.nameClaim());
        String displayName = Names.isValid(name) ? name : Names.isValid(user) ? user : null;
        return new Identity(user, displayName, exp, grants(claims));
    }

    private RoomGrants grants(JWTClaimsSet claims) {
        if (!config.roomsFromClaim()) {
            return RoomGrants.ALL;
        }
        try {
            List<String> rooms = claims.getStringListClaim("rooms");
            List<String> publish = claims.getStringListClaim("publish");
            List<String> join = rooms == null ? List.of() : rooms;
            return new RoomGrants(join, publish == null ? join : publish);
        } catch (ParseException e) {
            throw new AccessDenied("rooms or publish claim not a list of strings");
        }
    }

    private static String text(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    /** A fixed reason for a claim refusal: Nimbus's own messages may quote the token's values. */
    private static String claimsRefusal(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Expired")) {
            return "expired";
        } else if (m.contains("before use time")) {
            return "not valid yet";
        } else if (m.contains("missing required")) {
            return "required claim missing";
        } else if (m.contains("aud")) {
            return "audience not accepted";
        } else if (m.contains("iss")) {
            return "issuer not accepted";
        }
        return "claims not accepted";
    }

    private static JWSVerificationKeySelector<SecurityContext> keySelector(AuthConfig config) {
        if (config.secret() != null) {
            byte[] secret = config.secret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalArgumentException(
                        "parley.auth.secret must be at least 32 bytes (256 bits) for HS256");
            }
            return new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, only(new OctetSequenceKey.Builder(secret).build()));
        }
        if (config.key() != null) {
            JWK key = pemKey(config.key());
            return new JWSVerificationKeySelector<>(algorithms(key), only(key));
        }
        Set<JWSAlgorithm> all = new HashSet<>(RSA);
        all.addAll(EC);
        return new JWSVerificationKeySelector<>(all, jwks(config));
    }

    /** The one configured key, whatever {@code kid} the token names: a secret or a PEM key has none. */
    private static JWKSource<SecurityContext> only(JWK key) {
        List<JWK> keys = List.of(key);
        return (selector, context) -> keys;
    }

    private static JWKSource<SecurityContext> jwks(AuthConfig config) {
        long ttl = config.jwksCache().toMillis();
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(config.jwks()).toURL())
                    .cache(ttl, Math.min(ttl, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT))
                    .refreshAheadCache(false)
                    // an unknown kid (a new key) fetches the set again, at most this often
                    .rateLimited(Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, ttl / 2))
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.auth.jwks must be an http or https URL");
        }
    }

    /** The algorithms a public key may verify: its type pins them. */
    private static Set<JWSAlgorithm> algorithms(JWK key) {
        if (key instanceof RSAKey) {
            return RSA;
        }
        if (key instanceof ECKey ec) {
            Curve curve = ec.getCurve();
            if (Curve.P_256.equals(curve)) {
                return Set.of(JWSAlgorithm.ES256);
            } else if (Curve.P_384.equals(curve)) {
                return Set.of(JWSAlgorithm.ES384);
            } else if (Curve.P_521.equals(curve)) {
                return Set.of(JWSAlgorithm.ES512);
            }
        }
        throw new IllegalArgumentException("parley.auth.key must be an RSA or EC (P-256, P-384, P-521) public key");
    }

    /**
     * {@code setting} is a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo, as identity providers publish
     * it), or the path of a file holding one. The JDK reads it: Nimbus's own PEM reader needs Bouncy Castle.
     */
    private static JWK pemKey(String setting) {
        String pem = setting;
        if (!setting.contains("-----BEGIN")) {
            try {
                pem = Files.readString(Path.of(setting), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("parley.auth.key: cannot read the file " + setting);
            }
        }
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("parley.auth.key is not a PEM public key (BEGIN PUBLIC KEY)");
        }
        X509EncodedKeySpec spec;
        try {
            spec = new X509EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.auth.key is not a PEM public key (BEGIN PUBLIC KEY)");
        }
        for (String type : List.of("RSA", "EC")) {
            try {
                PublicKey key = KeyFactory.getInstance(type).generatePublic(spec);
                if (key instanceof RSAPublicKey rsa) {
                    return new RSAKey.Builder(rsa).build();
                }
                ECPublicKey ec = (ECPublicKey) key;
                return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this type: try the next
            }
        }
        throw new IllegalArgumentException("parley.auth.key must be an RSA or EC (P-256, P-384, P-521) public key");
    }
}
