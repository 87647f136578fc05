package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.PromQl;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard ({@code docs/grafana/parley.json}) queries is one a running node exports,
 * once a little traffic has made the labelled counters appear.
 */
public class GrafanaDashboardIT extends ParleyIT {
    private static final Path DASHBOARD = Path.of(System.getProperty("basedir", "."), "docs", "grafana", "parley.json");

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.text.max", "10"));
    }

    private static JsonObject dashboard() throws IOException {
        try (Reader in = Files.newBufferedReader(DASHBOARD)) {
            return Json.createReader(in).readObject();
        }
    }

    /** Every {@code expr} of every panel's targets, nested rows included. */
    private static void expressions(JsonValue value, List<String> into) {
        if (value instanceof JsonObject object) {
            object.forEach((key, v) -> {
                if (key.equals("expr") && v instanceof JsonString expr) {
                    into.add(expr.getString());
                } else {
                    expressions(v, into);
                }
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(v -> expressions(v, into));
        }
    }

    /** A room message, a refused one, a direct message for someone offline, and a closed connection. */
    private void traffic() {
        try (WsClient alice = WsClient.connect(base, "ws/room/grafana?name=alice");
             WsClient carol = WsClient.connect(base, "ws/user/grafana-carol")) {
            alice.next("welcome");
            alice.send("{\"text\":\"hello\"}");
            alice.next("message");
            alice.send("{\"text\":\"far too long for ten\"}");
            assertEquals("too_long", alice.next("error").getString("code"));
            carol.next("welcome");
            carol.send("{\"to\":\"grafana-dave\",\"text\":\"later\"}");
            assertEquals("stored", carol.next("ack").getString("status"));
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        List<String> expressions = new java.util.ArrayList<>();
        expressions(dashboard().getJsonArray("panels"), expressions);
        assertTrue(expressions.size() >= 10, () -> "expressions found: " + expressions);
        Set<String> queried = new TreeSet<>();
        expressions.forEach(e -> queried.addAll(PromQl.metricNames(e)));
        assertFalse(queried.isEmpty());

        traffic();
        Scrape scrape = awaitCloses();
        Set<String> missing = new TreeSet<>();
        for (String name : queried) {
            if (!scrape.has(name)) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, () -> "queried by the dashboard but not exported:\n" + scrape.text());
    }

    /** Closes are counted when the container reports them, a moment after the client sees its close. */
    private Scrape awaitCloses() throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        Scrape scrape = Scrape.of(base);
        while (!scrape.has("parley_closes_total") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = Scrape.of(base);
        }
        return scrape;
    }

    @Test
    void buildInfoAndOpenFilesAreThere() {
        Scrape scrape = Scrape.of(base);
        assertEquals(1.0, scrape.sum("parley_build_info"), scrape::text);
        String version = Json.createReader(new java.io.StringReader(RawWebSocket.get(Urls.http(base, "health")).body()))
                .readObject().getString("version");
        assertEquals(1.0, scrape.sum("parley_build_info", "version=\"" + version + "\""), "the version /health names");
        assertTrue(scrape.sum("process_files_open_files") > 0, "a running node has files open");
        assertTrue(scrape.sum("process_files_max_files") >= scrape.sum("process_files_open_files"));
    }
}
