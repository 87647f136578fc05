package dev.parley.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.wire.Names;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Checks a JWT signed with HS256 by the configured secret and answers its subject. Any other algorithm,
 * {@code alg: none} included, is refused, and so is a token past its {@code exp} (or before its
 * {@code nbf}) by more than a small clock skew.
 */
public final class TokenVerifier {
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final MACVerifier verifier;
    private final Clock clock;

    public TokenVerifier(String secret, Clock clock) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalArgumentException("parley.auth.secret must be at least 32 bytes (256 bits) for HS256");
        }
        try {
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("parley.auth.secret cannot be used for HS256", e);
        }
        this.clock = clock;
    }

    /** The token's subject; {@link AccessDenied} when the token is missing, badly signed, expired or has no valid subject. */
    public String subject(String token) {
        if (token == null || token.isEmpty()) {
            throw new AccessDenied("no token");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                // a fixed reason: the header is the client's, unchecked until the signature is
                throw new AccessDenied("algorithm not accepted");
            }
            if (!jwt.verify(verifier)) {
                throw new AccessDenied("bad signature");
            }
            return subjectOf(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            throw new AccessDenied("not a signed token");
        }
    }

    private String subjectOf(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp != null && now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
            throw new AccessDenied("expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(CLOCK_SKEW))) {
            throw new AccessDenied("not valid yet");
        }
        String sub = claims.getSubject();
        if (!Names.isValid(sub)) {
            throw new AccessDenied("no valid subject");
        }
        return sub;
    }
}
