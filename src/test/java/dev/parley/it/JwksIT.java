package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.parley.access.Tokens;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tokens of an identity provider: keys from a JWKS URL (a real endpoint in this JVM), issuer and audience
 * checked, opaque user ids addressed percent-encoded, and key rotation followed within the cache's refresh.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class JwksIT extends ParleyIT {
    private static final String ISSUER = "https://idp.example/realms/chat";
    private static final String AUDIENCE = "parley";
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(20);
    private static final RSAKey RSA = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());
    private static final ECKey EC = generate(() -> new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate());
    private static final RSAKey NEXT = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-2").generate());
    private static final AtomicReference<JWKSet> PUBLISHED = new AtomicReference<>(new JWKSet(List.of(RSA, EC)));
    private static final HttpServer JWKS = serve();

    @Deployment(testable = false)
    public static WebArchive deployment() {
        String url = "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/certs";
        return Deployments.parley(Map.of("parley.auth.jwks", url, "parley.auth.jwks.cache", "2s",
                "parley.auth.issuer", ISSUER, "parley.auth.audience", AUDIENCE));
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    private static HttpServer serve() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/certs", exchange -> {
                byte[] body = PUBLISHED.get().toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JWTClaimsSet.Builder claims(String user) {
        return Tokens.claims(user, Instant.now().plusSeconds(600)).issuer(ISSUER).audience(List.of("account", AUDIENCE));
    }

    private static String token(JWK key, JWSAlgorithm alg, String user) {
        return Tokens.signed(key, alg, claims(user).build());
    }

    private int closeCode(String path) {
        try (WsClient client = WsClient.connect(base, path)) {
            return client.awaitClose().getCloseCode().getCode();
        }
    }

    private String welcomedAs(String path) {
        try (WsClient client = WsClient.connect(base, path)) {
            return client.next("welcome").getString("user");
        }
    }

    @Test
    void tokensSignedByEitherPublishedKeyAreAccepted() {
        assertEquals("alice", welcomedAs("ws/user/alice?token=" + token(RSA, JWSAlgorithm.RS256, "alice")));
        assertEquals("alice", welcomedAs("ws/user/alice?token=" + token(RSA, JWSAlgorithm.PS256, "alice")));
        assertEquals("bob", welcomedAs("ws/user/bob?token=" + token(EC, JWSAlgorithm.ES256, "bob")));
    }

    @Test
    void wrongIssuerAudienceOrAlgorithmIsRefused() {
        String wrongIssuer = Tokens.signed(RSA, JWSAlgorithm.RS256, claims("alice").issuer("https://evil.example").build());
        String wrongAudience = Tokens.signed(RSA, JWSAlgorithm.RS256, claims("alice").audience("account").build());
        String hsWithThePublicKey = Tokens.signed(RSA.toPublicJWK().toJSONString() + Tokens.SECRET,
                JWSAlgorithm.HS256, claims("alice").build());
        String unknownKey = token(generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate()),
                JWSAlgorithm.RS256, "alice");
        for (String token : List.of(wrongIssuer, wrongAudience, hsWithThePublicKey, unknownKey, Tokens.none("alice"))) {
            assertEquals(4401, closeCode("ws/user/alice?token=" + token), token);
        }
    }

    /** The paths are percent-encoded by {@link dev.parley.testing.Urls}: {@code auth0%7C5f7c8ec7}, {@code erin%40example.com}. */
    @Test
    void opaqueUserIdsAreAddressedPercentEncoded() {
        String auth0 = "auth0|5f7c8ec7";
        String email = "erin@example.com";
        try (WsClient opaque = WsClient.connect(base, "ws/user/" + auth0 + "?token=" + token(RSA,
                JWSAlgorithm.RS256, auth0));
             WsClient mail = WsClient.connect(base, "ws/user/" + email + "?token=" + token(RSA, JWSAlgorithm.RS256,
                     email))) {
            assertEquals(auth0, opaque.next("welcome").getString("user"));
            assertEquals(email, mail.next("welcome").getString("user"));
            mail.send("{\"text\":\"hi\",\"to\":\"" + auth0 + "\",\"ref\":\"m1\"}");
            assertEquals("m1", mail.next("ack").getString("ref"));
            JsonObject dm = opaque.next("message");
            assertEquals(email, dm.getString("from"));
            HttpResponse<String> posted = new ApiCalls(base, null).post("api/users/" + auth0 + "/messages",
                    "{\"text\":\"from the backend\",\"from\":\"ops\"}");
            assertEquals(201, posted.statusCode(), posted::body);
            assertEquals("from the backend", opaque.next("message").getString("text"));
            assertEquals(4401, closeCode("ws/user/auth0|other?token=" + token(RSA, JWSAlgorithm.RS256, auth0)));
        }
    }

    @Test
    void roomsUseTheNameClaimAndRefuseATokenWithoutAValidDisplayName() {
        String named = Tokens.signed(RSA, JWSAlgorithm.RS256, claims("auth0|5f7c8ec7").claim("name", "Alice").build());
        try (WsClient room = WsClient.connect(base, "ws/room/lobby?token=" + named)) {
            assertEquals("Alice", room.next("welcome").getString("user"));
        }
        assertEquals(4400, closeCode("ws/room/lobby?token=" + token(RSA, JWSAlgorithm.RS256, "auth0|5f7c8ec7")));
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it takes a published key away
    void aRotatedKeyIsFetchedAndARemovedOneIsRefusedWithinTheCachesRefresh() throws InterruptedException {
        String byEc = token(EC, JWSAlgorithm.ES256, "carol");
        assertEquals("carol", welcomedAs("ws/user/carol?token=" + byEc));
        PUBLISHED.set(new JWKSet(List.of(RSA, NEXT)));
        String byNext = token(NEXT, JWSAlgorithm.RS256, "carol");
        assertEquals("carol", welcomed("ws/user/carol?token=" + byNext), "a new kid fetches the set again");
        long deadline = System.nanoTime() + REFRESH_WAIT.toNanos();
        int code = 0;
        while (code != 4401 && System.nanoTime() < deadline) {
            code = outcome("ws/user/carol?token=" + byEc);
            if (code != 4401) {
                Thread.sleep(500);
            }
        }
        assertEquals(4401, code, "the removed key's tokens are refused once the cache refreshed");
        assertEquals("carol", welcomedAs("ws/user/carol?token=" + token(RSA, JWSAlgorithm.RS256, "carol")));
    }

    /** The user a welcome names, retried while the node's cache may still wait for its rate limit. */
    private String welcomed(String path) throws InterruptedException {
        long deadline = System.nanoTime() + REFRESH_WAIT.toNanos();
        while (true) {
            if (outcome(path) == 0) {
                return welcomedAs(path);
            }
            assertTrue(System.nanoTime() < deadline, "no welcome within " + REFRESH_WAIT);
            Thread.sleep(500);
        }
    }

    /** 0 when the handshake was welcomed, else the code it was closed with; within {@link WsClient#WAIT}. */
    private int outcome(String path) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        try (WsClient client = WsClient.connect(base, path)) {
            while (System.nanoTime() < deadline) {
                if (client.pollText() != null) {
                    return 0;
                }
                if (!client.isOpen()) {
                    return client.awaitClose().getCloseCode().getCode();
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("neither welcomed nor closed within " + WsClient.WAIT);
    }

    private interface KeyMaker<K> {
        K make() throws Exception;
    }

    private static <K> K generate(KeyMaker<K> maker) {
        try {
            return maker.make();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
