package dev.parley.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private final TokenVerifier verifier = new TokenVerifier(Tokens.SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aGoodTokenGivesItsSubject() {
        assertEquals("alice", verifier.subject(Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, "alice", NOW.plusSeconds(60))));
        assertEquals("李雷", verifier.subject(Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, "李雷", null)));
    }

    @Test
    void expiryIsHonouredWithASmallSkew() {
        assertEquals("alice", verifier.subject(Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, "alice", NOW.minusSeconds(10))));
        assertThrows(AccessDenied.class,
                () -> verifier.subject(Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, "alice", NOW.minusSeconds(120))));
    }

    @Test
    void otherSecretsAlgorithmsAndNoneAreRefused() {
        String other = "another-secret-that-is-also-long-enough-for-hs256";
        assertThrows(AccessDenied.class, () -> verifier.subject(Tokens.signed(other, JWSAlgorithm.HS256, "alice", null)));
        assertThrows(AccessDenied.class, () -> verifier.subject(Tokens.signed(Tokens.SECRET + Tokens.SECRET, JWSAlgorithm.HS512, "alice", null)));
        assertThrows(AccessDenied.class, () -> verifier.subject(Tokens.none("alice")));
    }

    @Test
    void garbageMissingAndNamelessTokensAreRefused() {
        assertThrows(AccessDenied.class, () -> verifier.subject(null));
        assertThrows(AccessDenied.class, () -> verifier.subject(""));
        assertThrows(AccessDenied.class, () -> verifier.subject("not.a.token"));
        assertThrows(AccessDenied.class, () -> verifier.subject(Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, "a b", null)));
        assertThrows(AccessDenied.class, () -> verifier.subject(Tokens.signed(Tokens.SECRET, JWSAlgorithm.HS256, null, null)));
    }

    @Test
    void aShortSecretStopsTheApplication() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenVerifier("too-short", Clock.systemUTC()));
        assertEquals(true, e.getMessage().contains("parley.auth.secret"));
    }

    @Test
    void theContainersPrincipalNeedsNoToken() {
        Authenticator auth = new Authenticator(verifier);
        assertEquals("carol", auth.identify(null, () -> "carol"));
        assertThrows(AccessDenied.class, () -> auth.identify(null, null));
        assertEquals(null, new Authenticator(null).identify(null, null), "authentication off");
    }

    @Test
    void theReasonForARefusedAlgorithmNeverRepeatsTheHeader() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"EVIL\\r\\nINFO: forged line\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString("{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8));
        AccessDenied denied = assertThrows(AccessDenied.class, () -> verifier.subject(header + "." + payload + ".c2ln"));
        assertEquals("algorithm not accepted", denied.getMessage());
    }
}
