package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void aBareSelectorIsItsName() {
        assertEquals(Set.of("parley_connections"), PromQl.metricNames("parley_connections"));
    }

    @Test
    void functionsAggregationsAndGroupingLabelsAreNotMetrics() {
        assertEquals(Set.of("parley_delivery_latency_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(parley_delivery_latency_seconds_bucket{node=~\"$node\"}[5m])))"));
        assertEquals(Set.of("parley_errors_total"),
                PromQl.metricNames("sum without (instance, job) (rate(parley_errors_total[5m] offset 1h))"));
    }

    @Test
    void labelMatchersAndTheirValuesAreNotMetrics() {
        assertEquals(Set.of("jvm_memory_used_bytes"),
                PromQl.metricNames("sum(jvm_memory_used_bytes{area=\"heap\",id=~\"G1 .*|tenured_gen\"})"));
    }

    @Test
    void everyOperandOfABinaryExpressionCounts() {
        assertEquals(Set.of("jvm_memory_max_bytes", "jvm_memory_used_bytes"), PromQl.metricNames(
                "sum(jvm_memory_used_bytes{area=\"heap\"}) / on (node) sum(jvm_memory_max_bytes{area=\"heap\"}) > 0.85"));
        assertEquals(Set.of("parley_closes_total", "up"),
                PromQl.metricNames("up == 0 or rate(parley_closes_total{code=~\"1009|4400\"}[5m]) > bool 1e3"));
    }
}
