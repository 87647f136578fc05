package dev.parley.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Makes tokens for tests, good and bad. */
public final class Tokens {
    public static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

    private Tokens() {
    }

    public static String signed(String secret, JWSAlgorithm alg, String sub, Instant exp) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(sub);
            if (exp != null) {
                claims.expirationTime(Date.from(exp));
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String valid(String sub) {
        return signed(SECRET, JWSAlgorithm.HS256, sub, Instant.now().plusSeconds(600));
    }

    /** An unsecured token: {@code alg: none} and no signature. */
    public static String none(String sub) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + sub + "\"}").getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
