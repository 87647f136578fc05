package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.ParleyLogs;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A line per connect and per close (with its code), and never a message's text or a query string.
 * {@link ParleyLogs} collects them: from Parley's loggers on embedded Tomcat, from Payara Micro's output.
 */
public class LogsIT extends ParleyIT {
    private ParleyLogs logs;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @BeforeEach
    void listen() {
        logs = ParleyLogs.capture();
    }

    @AfterEach
    void stop() {
        logs.close();
    }

    @Test
    void connectsAndClosesAreLoggedButNotTextsOrQueries() throws InterruptedException {
        try (WsClient alice = WsClient.connect(base, "ws/room/logged?name=alice&since=s3cr3t-query-value&token=t0ken-value")) {
            alice.next("welcome");
            alice.send("{\"text\":\"do-not-log-this-text\"}");
            alice.next("message");
            alice.send("{\"text\":\" \"}");
            alice.next("error");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (logs.lines().stream().noneMatch(l -> l.startsWith("closed")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> lines = logs.lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("opened") && l.contains("room") && l.contains("/ws/room/logged")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("closed") && l.contains("1000")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("error empty sent")), lines::toString);
        assertFalse(lines.stream().anyMatch(l -> l.contains("do-not-log-this-text")), lines::toString);
        assertFalse(lines.stream().anyMatch(l -> l.contains("s3cr3t-query-value")), lines::toString);
        assertFalse(lines.stream().anyMatch(l -> l.contains("t0ken-value")), "tokens never reach a log");
    }

    @Test
    void aRefusedOriginIsLoggedEscapedAndCutWithTheClientsAddress() throws InterruptedException {
        String origin = "http://evil.example\tINFO: forged line " + "x".repeat(300);
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/echo"), RawWebSocket.options()
                .header("Origin", origin))) {
            assertEquals(403, ws.status());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (logs.lines().stream().noneMatch(l -> l.startsWith("refused a handshake")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String line = logs.lines().stream().filter(l -> l.startsWith("refused a handshake")).findFirst()
                .orElseThrow(() -> new AssertionError(logs.lines().toString()));
        assertTrue(line.matches("refused a handshake to \\S*/ws/echo from (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1): origin "
                + "http://evil\\.example\\\\tINFO: forged line x+\\.\\.\\.\\(" + origin.length()
                + " characters\\) is not allowed"), line);
        assertFalse(line.contains("\t"), "no raw control character reaches the log");
        assertTrue(line.length() < 250, "the origin is cut: " + line.length());
    }
}
