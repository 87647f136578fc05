package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.net.URL;
import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A line per connect and per close (with its code), and never a message's text or a query string.
 * Embedded Tomcat runs in this JVM, so the test listens to Parley's loggers directly.
 */
@ExtendWith(ArquillianExtension.class)
public class LogsIT {
    private static final Logger PARLEY = Logger.getLogger("dev.parley");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String text = r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters());
            lines.add(text);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void listen() {
        level = PARLEY.getLevel();
        PARLEY.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        PARLEY.addHandler(capture);
    }

    @AfterEach
    void stop() {
        PARLEY.removeHandler(capture);
        PARLEY.setLevel(level);
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
        while (lines.stream().noneMatch(l -> l.startsWith("closed")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("opened") && l.contains("room") && l.contains("/ws/room/logged")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("closed") && l.contains("1000")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("error empty sent")), lines::toString);
        assertFalse(lines.stream().anyMatch(l -> l.contains("do-not-log-this-text")), lines::toString);
        assertFalse(lines.stream().anyMatch(l -> l.contains("s3cr3t-query-value")), lines::toString);
        assertFalse(lines.stream().anyMatch(l -> l.contains("t0ken-value")), "tokens never reach a log");
    }
}
