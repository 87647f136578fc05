package dev.parley.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
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
        return signed(secret, alg, claims(sub, exp).build());
    }

    public static String signed(String secret, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader(alg), claims, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with a private RSA or EC key, its {@code kid} in the header. */
    public static String signed(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims, signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** A subject and an expiry (none when null). */
    public static JWTClaimsSet.Builder claims(String sub, Instant exp) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(sub);
        if (exp != null) {
            claims.expirationTime(Date.from(exp));
        }
        return claims;
    }

    public static String valid(String sub) {
        return signed(SECRET, JWSAlgorithm.HS256, sub, Instant.now().plusSeconds(600));
    }

    /** Valid for {@code seconds} more. */
    public static String expiringIn(String sub, long seconds) {
        return signed(SECRET, JWSAlgorithm.HS256, sub, Instant.now().plusSeconds(seconds));
    }

    /** An unsecured token: {@code alg: none} and no signature. */
    public static String none(String sub) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + sub + "\"}").getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
