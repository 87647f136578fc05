package dev.parley.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RSAKey RSA = generateRsa();
    private static final ECKey EC = generateEc(Curve.P_256);
    private final TokenVerifier verifier = new TokenVerifier(AuthConfig.secret(Tokens.SECRET), CLOCK);

    private static String hs(String sub, Instant exp) {
        return Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, sub, exp);
    }

    private static String hs(JWTClaimsSet claims) {
        return Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, claims);
    }

    private static AuthConfig withKey(String pem) {
        AuthConfig d = AuthConfig.OFF;
        return new AuthConfig(null, pem, null, d.jwksCache(), null, null, "sub", "name", true, d.maxLifetime(), false);
    }

    private static String reason(TokenVerifier verifier, String token) {
        return assertThrows(AccessDenied.class, () -> verifier.verify(token)).getMessage();
    }

    @Test
    void aGoodTokenGivesItsUserDisplayNameAndExpiry() {
        Identity alice = verifier.verify(hs("alice", NOW.plusSeconds(60)));
        assertEquals(new Identity("alice", "alice", NOW.plusSeconds(60), RoomGrants.ALL), alice);
        assertEquals("李雷", verifier.verify(hs("李雷", NOW.plusSeconds(60))).user());
    }

    @Test
    void anHs256TokenNamingAKeyIdIsStillTheSecretsToken() throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.HS256).keyID("backend-1").build(),
                Tokens.claims("alice", NOW.plusSeconds(60)).build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)));
        assertEquals("alice", verifier.verify(jwt.serialize()).user());
    }

    @Test
    void expiryIsHonouredWithASmallSkew() {
        assertEquals("alice", verifier.verify(hs("alice", NOW.minusSeconds(10))).user());
        assertEquals("expired", reason(verifier, hs("alice", NOW.minusSeconds(120))));
    }

    @Test
    void expIsRequiredUnlessTurnedOff() {
        assertEquals("required claim missing", reason(verifier, hs("alice", null)));
        AuthConfig d = AuthConfig.OFF;
        TokenVerifier lenient = new TokenVerifier(new AuthConfig(Tokens.SECRET, null, null, d.jwksCache(), null, null,
                "sub", "name", false, d.maxLifetime(), false), CLOCK);
        Identity forever = lenient.verify(hs("alice", null));
        assertNull(forever.expiresAt());
    }

    @Test
    void aTokenValidForLongerThanTheMaximumLifetimeIsRefused() {
        String tooLong = "lifetime longer than parley.auth.max.lifetime";
        assertEquals(tooLong, reason(verifier, hs("alice", NOW.plus(Duration.ofHours(25)))), "exp - now");
        assertEquals(tooLong, reason(verifier, hs(Tokens.claims("alice", NOW.plusSeconds(60))
                .issueTime(Date.from(NOW.minus(Duration.ofHours(25)))).build())), "exp - iat");
        assertEquals("alice", verifier.verify(hs(Tokens.claims("alice", NOW.plus(Duration.ofHours(23)))
                .issueTime(Date.from(NOW)).build())).user());
    }

    @Test
    void otherSecretsAlgorithmsAndNoneAreRefused() {
        String other = "another-secret-that-is-also-long-enough-for-hs256";
        Instant exp = NOW.plusSeconds(60);
        assertEquals("bad signature", reason(verifier, Tokens.signed(other, JWSAlgorithm.HS256, "alice", exp)));
        reason(verifier, Tokens.signed(Tokens.SECRET + Tokens.SECRET, JWSAlgorithm.HS512, "alice", exp));
        assertEquals("algorithm or key not accepted", reason(verifier, Tokens.none("alice")));
        reason(verifier, Tokens.signed(RSA, JWSAlgorithm.RS256, Tokens.claims("alice", exp).build()));
    }

    @Test
    void garbageMissingAndNamelessTokensAreRefused() {
        Instant exp = NOW.plusSeconds(60);
        assertEquals("no token", reason(verifier, null));
        assertEquals("no token", reason(verifier, ""));
        assertEquals("not a signed token", reason(verifier, "not.a.token"));
        assertEquals("required claim missing", reason(verifier, hs(null, exp)));
        assertEquals("no valid user claim", reason(verifier, hs("al\u0007ice", exp)));
        assertEquals("no valid user claim", reason(verifier, hs("a".repeat(256), exp)));
    }

    @Test
    void opaqueUserIdsAreUsersWhoseRoomNameComesFromTheNameClaim() {
        Instant exp = NOW.plusSeconds(60);
        Identity opaque = verifier.verify(hs("auth0|5f7c8ec7c33c6c004bbafe82", exp));
        assertEquals("auth0|5f7c8ec7c33c6c004bbafe82", opaque.user());
        assertNull(opaque.displayName(), "no name claim and a user id that is not a name");
        Identity named = verifier.verify(hs(Tokens.claims("alice@example.com", exp).claim("name", "Alice").build()));
        assertEquals("alice@example.com", named.user());
        assertEquals("Alice", named.displayName());
        Identity badName = verifier.verify(hs(Tokens.claims("alice", exp).claim("name", "Alice Smith").build()));
        assertEquals("alice", badName.displayName(), "a name that fails the name rule falls back to the user");
    }

    @Test
    void anotherClaimMayNameTheUser() {
        AuthConfig d = AuthConfig.OFF;
        TokenVerifier byUsername = new TokenVerifier(new AuthConfig(Tokens.SECRET, null, null, d.jwksCache(), null,
                null, "preferred_username", "given_name", true, d.maxLifetime(), false), CLOCK);
        Identity id = byUsername.verify(hs(Tokens.claims("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", NOW.plusSeconds(60))
                .claim("preferred_username", "alice").claim("given_name", "Ally").build()));
        assertEquals("alice", id.user());
        assertEquals("Ally", id.displayName());
        assertEquals("required claim missing", reason(byUsername, hs("alice", NOW.plusSeconds(60))));
    }

    @Test
    void issuerAndAudienceAreCheckedWhenSet() {
        AuthConfig d = AuthConfig.OFF;
        TokenVerifier strict = new TokenVerifier(new AuthConfig(Tokens.SECRET, null, null, d.jwksCache(),
                "https://kc.example/realms/chat", "parley", "sub", "name", true, d.maxLifetime(), false), CLOCK);
        JWTClaimsSet good = Tokens.claims("alice", NOW.plusSeconds(60)).issuer("https://kc.example/realms/chat")
                .audience(List.of("account", "parley")).build();
        assertEquals("alice", strict.verify(hs(good)).user());
        String issuer = reason(strict, hs(new JWTClaimsSet.Builder(good).issuer("https://evil.example").build()));
        assertFalse(issuer.contains("evil"), issuer);
        reason(strict, hs(new JWTClaimsSet.Builder(good).audience("account").build()));
        reason(strict, hs(new JWTClaimsSet.Builder(good).audience((String) null).build()));
    }

    @Test
    void anRsaPemKeyAcceptsRsaAndPssAndNeverHsWithTheKeyAsSecret(@TempDir Path dir) throws Exception {
        String pem = pem(RSA.toPublicKey());
        Path file = dir.resolve("idp.pem");
        Files.writeString(file, pem);
        for (TokenVerifier rsa : List.of(new TokenVerifier(withKey(pem), CLOCK),
                new TokenVerifier(withKey(file.toString()), CLOCK))) {
            JWTClaimsSet claims = Tokens.claims("alice", NOW.plusSeconds(60)).build();
            assertEquals("alice", rsa.verify(Tokens.signed(RSA, JWSAlgorithm.RS256, claims)).user());
            assertEquals("alice", rsa.verify(Tokens.signed(RSA, JWSAlgorithm.RS512, claims)).user());
            assertEquals("alice", rsa.verify(Tokens.signed(RSA, JWSAlgorithm.PS256, claims)).user());
            assertEquals("algorithm or key not accepted", reason(rsa, Tokens.signed(pem, JWSAlgorithm.HS256, claims)));
            assertEquals("algorithm or key not accepted", reason(rsa, Tokens.none("alice")));
            reason(rsa, Tokens.signed(generateRsa(), JWSAlgorithm.RS256, claims));
            reason(rsa, Tokens.signed(EC, JWSAlgorithm.ES256, claims));
        }
    }

    @Test
    void anEcPemKeyAcceptsItsCurvesAlgorithmOnly() throws Exception {
        TokenVerifier ec = new TokenVerifier(withKey(pem(EC.toPublicKey())), CLOCK);
        JWTClaimsSet claims = Tokens.claims("alice", NOW.plusSeconds(60)).build();
        assertEquals("alice", ec.verify(Tokens.signed(EC, JWSAlgorithm.ES256, claims)).user());
        ECKey p384 = generateEc(Curve.P_384);
        TokenVerifier ec384 = new TokenVerifier(withKey(pem(p384.toPublicKey())), CLOCK);
        assertEquals("alice", ec384.verify(Tokens.signed(p384, JWSAlgorithm.ES384, claims)).user());
        reason(ec384, Tokens.signed(EC, JWSAlgorithm.ES256, claims));
    }

    @Test
    void unusableKeysStopTheApplication() {
        IllegalArgumentException shortSecret = assertThrows(IllegalArgumentException.class,
                () -> new TokenVerifier(AuthConfig.secret("too-short"), Clock.systemUTC()));
        assertTrue(shortSecret.getMessage().contains("parley.auth.secret"));
        assertThrows(IllegalArgumentException.class, () -> new TokenVerifier(withKey("/no/such/file.pem"), CLOCK));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenVerifier(withKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"), CLOCK));
        assertThrows(IllegalArgumentException.class, () -> new AuthConfig(Tokens.SECRET, null, "https://kc.example",
                Duration.ofMinutes(5), null, null, "sub", "name", true, Duration.ZERO, false));
    }

    @Test
    void roomsAndPublishClaimsGrantRoomsWhenAsked() {
        AuthConfig d = AuthConfig.OFF;
        TokenVerifier rooms = new TokenVerifier(new AuthConfig(Tokens.SECRET, null, null, d.jwksCache(), null, null,
                "sub", "name", true, d.maxLifetime(), true), CLOCK);
        Instant exp = NOW.plusSeconds(60);
        RoomGrants both = rooms.verify(hs(Tokens.claims("alice", exp).claim("rooms", List.of("lobby", "team-*"))
                .claim("publish", List.of("team-*")).build())).rooms();
        assertEquals(new RoomGrants(List.of("lobby", "team-*"), List.of("team-*")), both);
        RoomGrants joinOnly = rooms.verify(hs(Tokens.claims("alice", exp).claim("rooms", List.of("lobby")).build()))
                .rooms();
        assertTrue(joinOnly.mayPublish("lobby"), "without publish, a user speaks where it may join");
        assertFalse(rooms.verify(hs("alice", exp)).rooms().mayJoin("lobby"), "no rooms claim: no room");
        assertEquals("rooms or publish claim not a list of strings",
                reason(rooms, hs(Tokens.claims("alice", exp).claim("rooms", 7).build())));
        assertEquals(RoomGrants.ALL, verifier.verify(hs(Tokens.claims("alice", exp).claim("rooms", List.of()).build()))
                .rooms(), "with permissions off the claim is not read");
    }

    @Test
    void theContainersPrincipalNeedsNoToken() {
        Authenticator auth = new Authenticator(verifier);
        assertEquals(Identity.principal("carol"), auth.identify(null, () -> "carol").orElseThrow());
        assertThrows(AccessDenied.class, () -> auth.identify(null, null));
        assertTrue(new Authenticator(null).identify(null, null).isEmpty(), "authentication off");
        assertEquals("tokens are not used on this node", assertThrows(AccessDenied.class,
                () -> new Authenticator(null).verify(Tokens.valid("alice"))).getMessage());
    }

    @Test
    void theReasonForARefusedAlgorithmNeverRepeatsTheHeader() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"EVIL\\r\\nINFO: forged line\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString("{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8));
        String why = reason(verifier, header + "." + payload + ".c2ln");
        assertFalse(why.contains("EVIL") || why.contains("forged"), why);
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-" + System.nanoTime()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey generateEc(Curve curve) {
        try {
            return new ECKeyGenerator(curve).keyID("ec-" + System.nanoTime()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
