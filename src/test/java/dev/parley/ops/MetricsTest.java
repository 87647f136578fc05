package dev.parley.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void standardAndParleysCloseCodesKeepTheirNumber() {
        for (int code : new int[] {1000, 1001, 1003, 1006, 1008, 1009, 1011, 1013, 4400, 4401, 4403, 4408, 4429}) {
            assertEquals(Integer.toString(code), Metrics.closeLabel(code));
        }
    }

    @Test
    void anyOtherCloseCodeIsOther() {
        for (int code : new int[] {1004, 1016, 2999, 3000, 4000, 4402, 4999, 0, -1, 65535}) {
            assertEquals("other", Metrics.closeLabel(code), Integer.toString(code));
        }
    }

    @Test
    void aThousandClientChosenCodesMakeOneSeries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics metrics = new Metrics(registry);
        for (int code = 4000; code < 5000; code++) {
            metrics.closed(code);
        }
        assertEquals(995.0, registry.get("parley.closes").tag("code", "other").counter().count());
        assertEquals(6, registry.find("parley.closes").counters().size(), "other, 4400, 4401, 4403, 4408 and 4429");
        assertFalse(registry.find("parley.closes").tag("code", "4999").counters().iterator().hasNext());
    }

    @Test
    void theMonitorsPercentilesComeFromTheScrapedBuckets() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics metrics = new Metrics(registry);
        metrics.written("message", Instant.now().minus(Duration.ofMillis(400)));
        metrics.written("message", Instant.now().minus(Duration.ofMillis(400)));
        for (int i = 0; i < 98; i++) {
            metrics.written("message", Instant.now().minus(Duration.ofMillis(2)));
        }
        double[] p = metrics.latencyMillis(0.5, 0.99);
        assertTrue(p[0] >= 1.5 && p[0] < 3, "p50 near 2 ms: " + p[0]);
        assertTrue(p[1] >= 300 && p[1] < 600, "p99 near 400 ms: " + p[1]);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("parley_delivery_latency_seconds_bucket"), "the buckets are scraped");
        assertFalse(scrape.contains("parley_delivery_latency_seconds{"), "no client-side quantile series: " + scrape);
    }
}
