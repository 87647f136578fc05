package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A refused connection (4400) is closed without disturbing the handshakes around it: many refusals and
 * accepted connections opened at once each get their own answer, the refusal its 4400 and the others a
 * 101 and their welcome (they stay open until the end). On Payara a refusal closed inside the container's handling of its handshake
 * corrupted a later handshake (HTTP 500, or a connection that never got its answer).
 */
public class RefusalsLeaveOtherHandshakesAloneIT extends ParleyIT {
    private static final int THREADS = 4;
    private static final int ROUNDS = 60;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.connections.per.address", "1000"));
    }

    @Test
    void everyHandshakeGetsItsOwnAnswer() throws Exception {
        URI refused = Urls.ws(base, "ws/room/lobby?name=" + Urls.encode("not a name"));
        URI accepted = Urls.ws(base, "ws/room/lobby");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    List<RawWebSocket> open = new ArrayList<>();
                    try {
                        for (int i = 0; i < ROUNDS; i++) {
                            String refusal = refusal(refused);
                            if (refusal != null) {
                                problems.add(refusal);
                            }
                            String welcome = welcome(accepted, open);
                            if (welcome != null) {
                                problems.add(welcome);
                            }
                        }
                    } finally {
                        open.forEach(RawWebSocket::close);
                    }
                    return problems;
                }));
            }
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> result : results) {
                problems.addAll(result.get());
            }
            assertEquals(List.of(), problems, "of " + THREADS * ROUNDS + " refused and as many accepted connections");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String refusal(URI uri) {
        try (RawWebSocket ws = RawWebSocket.open(uri)) {
            if (ws.status() != 101) {
                return "refusal: handshake answered " + ws.handshake();
            }
            int code = ws.awaitClose();
            return code == 4400 ? null : "refusal: closed with " + code;
        } catch (AssertionError | RuntimeException e) {
            return "refusal: " + e.getMessage();
        }
    }

    /**
     * Opens an accepted connection and checks its welcome. It stays open until the round is over (in
     * {@code open}): what is under test is the refusals' closes, not the container's handling of clients
     * that close as soon as they are in.
     */
    private static String welcome(URI uri, List<RawWebSocket> open) {
        RawWebSocket ws;
        try {
            ws = RawWebSocket.open(uri);
        } catch (AssertionError | RuntimeException e) {
            return "accepted: " + e.getMessage();
        }
        open.add(ws);
        try {
            if (ws.status() != 101) {
                return "accepted: handshake answered " + ws.handshake();
            }
            String text = ws.readText();
            return text.contains("\"type\":\"welcome\"") ? null : "accepted: first frame " + text;
        } catch (AssertionError | RuntimeException e) {
            return "accepted: " + e.getMessage();
        }
    }
}
